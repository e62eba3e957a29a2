"""What a yes/no question asserts, and who does what in a sentence (spaCy's parser)."""

from __future__ import annotations

from assistant.language.clause import Clause, acts_in, agents, avoided, event_nouns, predicate_doers, question_clause, wished


def test_subject_and_predicate() -> None:
    assert question_clause("Did Greece open its borders?") == Clause(("Greece",), "open", False)
    assert question_clause("Did Putin visit Ankara?") == Clause(("Putin",), "visit", False)


def test_reporting_and_intention_are_looked_through() -> None:
    said = question_clause("Did Putin say the Syrian army knew the soldiers were there?")
    assert said.predicate == "knew" and "army" in said.subject
    planned = question_clause("Is Erdogan planning to shut the border again?")
    assert planned.predicate == "shut" and planned.subject == ("Erdogan",)
    assert question_clause("Did Erdogan say he would close the border?") == Clause((), "close", False)


def test_an_act_joined_to_a_saying_is_set_apart() -> None:
    # "Did" taken for the verb, "back down" its particle: what is said is still asked
    joined = question_clause("Did Erdogan back down and say Turkey would shut its gates?")
    assert joined.predicate == "shut" and joined.conjoined == ("back", "down")
    relented = question_clause("Did Erdogan relent and promise to close the border?")
    assert relented.predicate == "close" and relented.conjoined == ("relent",) and relented.subject == ("Erdogan",)
    assert question_clause("Did Putin visit Ankara and meet Erdogan?").conjoined == ()


def test_support_verbs_give_way_to_their_object_and_passives_are_marked() -> None:
    assert question_clause("Did Putin offer his condolences to Erdogan?").predicate == "condolences"
    assert question_clause("Was a Syrian refugee shot dead?").passive


def test_who_does_what_in_a_sentence() -> None:
    text = "Ankara killed 19 Syrian troops in drone strikes on Sunday and downed two regime planes."
    doers = agents(text)
    assert doers[text.index("killed")] == ("Ankara",) and doers[text.index("downed")] == ("Ankara",)
    shot = "One Syrian refugee was shot dead on Monday by Greek border police."
    assert agents(shot)[shot.index("shot")] == ("Greek", "border", "police")
    assert agents("He said no one knew they were there.") == {}  # no one named


def test_predicate_doers() -> None:
    clause = question_clause("Did Turkish forces shoot a Syrian refugee?")
    shot = "One Syrian refugee was shot dead on Monday by Greek border police."
    assert predicate_doers(clause, shot) == [("Greek", "border", "police")]
    assert predicate_doers(clause, "The summit is on Thursday.") is None



def test_what_a_naming_question_asks_the_name_of() -> None:
    from assistant.language.clause import named_noun
    assert named_noun("What was the name of the refugee who was shot?") == "refugee"
    assert named_noun("What has Turkey called its new offensive?") == "offensive"
    # the parser takes "refugee shot" for a compound noun: the participle is not what is named
    assert named_noun("What was the name of the Syrian refugee shot dead by Greek police?") == "refugee"
    assert named_noun("When is the summit?") is None


def test_a_place_that_acts_is_the_subject_of_a_verb() -> None:
    """"Ankara killed …" names an actor; "a deal in Sochi" a place."""
    def acts(text: str, name: str) -> bool:
        return acts_in(text, text.index(name), text.index(name) + len(name))

    assert acts("Ankara killed 19 Syrian troops in drone strikes on Sunday.", "Ankara")
    assert acts("As Ankara demanded that Russia press Assad, Moscow accused Turkey of failing.", "Moscow")
    assert not acts("It was their brokering of a 2018 deal in Sochi that led to the posts.", "Sochi")
    assert not acts("Putin met Erdogan in Moscow on Thursday.", "Moscow")


def test_what_a_question_asks_whether_someone_seeks() -> None:
    clause = question_clause("Is Ankara looking for a direct military confrontation with Moscow?")
    assert clause.sought == ("direct", "military", "confrontation", "Moscow") and clause.sought_head == "confrontation"
    assert clause.predicate == "looking for"  # one verb, to seek
    assert question_clause("Is Turkey trying to get into a fight with Russia?").sought_head == "fight"
    assert question_clause("Is Erdogan planning to shut the border?").sought == ()  # shutting is an act, not a thing


def test_what_a_sentence_has_someone_avoid_and_who() -> None:
    text = "But Ankara remains determined to avoid direct clashes with the regime's key backer Moscow, with which it shares ties."
    (found,) = avoided(text)
    assert found.head == "clashes" and found.words[-1] == "Moscow"  # not the relative clause after the comma
    assert agents(text)[found.start] == ("Ankara",)  # through "remains determined to"


def test_what_is_only_wished_for_and_what_a_question_takes_as_done() -> None:
    hope = 'Erdogan added: "I hope that he [Putin] will take the necessary measures, such as a ceasefire."'
    assert wished(hope, hope.index("ceasefire")) and wished(hope, hope.index("measures"))
    assert not wished(hope, hope.index("Erdogan"))
    after = "Erdogan demanded answers after the airstrike killed 34 soldiers."
    assert wished(after, after.index("answers")) and not wished(after, after.index("airstrike"))  # its own event
    assert "ceasefire" in event_nouns("When did the ceasefire agreed at the summit take effect?")
    assert "ceasefire" in event_nouns("What were the terms of the ceasefire that they agreed?")
    assert "experience" not in event_nouns("Which company is set to enhance gamers' experience?")
    assert "ceasefire" in event_nouns("What ceasefire terms did Putin and Erdogan sign off on?")  # the kind asked
    assert "ceasefire" in event_nouns("What were the terms of the ceasefire Putin and Erdogan agreed in Moscow?")
    assert "press" not in event_nouns("On what date did the Kremlin's press secretary say it?")


def test_a_participle_that_describes_a_noun_is_not_the_act_asked() -> None:
    from assistant.language.clause import verbs_of

    assert verbs_of("Where have the migrants heading for Europe been massing?", describing=False) == ("massing",)
    assert "heading" in verbs_of("Where have the migrants heading for Europe been massing?")
    # where the parse takes "have" for the verb, nothing is left out
    assert "massed" in verbs_of("Where have the migrants massed since Ankara stopped holding them back?", describing=False)


def test_a_clause_that_says_which_thing_is_meant() -> None:
    from assistant.language.clause import describing_words

    said = describing_words("Where was the agreement struck that resulted in Turkey setting up its lookout posts?")
    assert {"resulted", "posts"} <= said and "agreement" not in said and "struck" not in said


def test_a_passive_questions_last_participle_is_its_verb_where_the_parse_finds_none() -> None:
    from assistant.language.clause import verbs_of

    # the parser takes "shot" for a noun here
    assert verbs_of("At which border crossing was the Syrian refugee shot?") == ("shot",)
    assert verbs_of("Where was the summit held?") == ("held",)
    assert verbs_of("Where is the capital?") == ()  # no participle: no verb made up

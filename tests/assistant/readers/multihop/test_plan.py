"""The multi-hop reader: claims planned per source, each judged on its own source's articles, combined by logic."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.retrieval.plan import QuestionParser
from assistant.readers.multihop.plan import plan_claims

SOURCES = ["TechCrunch", "The Verge", "Fortune", "Sporting News", "The Independent - Life and Style"]


@pytest.fixture(scope="module")
def parser() -> QuestionParser:
    return QuestionParser(SOURCES, latest=date(2023, 12, 31))


class TestPlan:
    def test_two_sources_two_claims_and_an_order(self, parser) -> None:
        plan = plan_claims("Did TechCrunch report that OpenAI fired Sam Altman before The Verge reported that "
                           "Microsoft hired him?", parser)
        assert plan is not None and plan.kind == "yes_no"
        assert [c.sources for c in plan.claims] == [("TechCrunch",), ("The Verge",)]
        assert "OpenAI fired Sam Altman" in plan.claims[0].text and "Microsoft hired him" in plan.claims[1].text
        assert plan.first_earlier is True

    def test_a_leading_after_orders_the_second_after_the_first(self, parser) -> None:
        plan = plan_claims("After the Fortune report on October 4, 2023 that FTX customers lost money, did "
                           "TechCrunch report that the jury heard from Caroline Ellison?", parser)
        assert plan.first_earlier is True and plan.claims[0].day == date(2023, 10, 4)

    def test_an_after_inside_a_claim_is_no_order(self, parser) -> None:
        plan = plan_claims("Did the Sporting News article report that Derrick Henry returned after a head injury, "
                           "while The Verge reported that the game was delayed?", parser)
        assert plan.first_earlier is None

    def test_other_questions_have_no_claim_plan(self, parser) -> None:
        assert plan_claims("Which company, reported by TechCrunch and The Verge, sued Google?", parser) is None
        assert plan_claims("Did Erdogan meet Putin?", parser) is None  # no source named
        assert plan_claims("Who is the founder facing trial, as reported by TechCrunch, and is the same person "
                           "who, according to Fortune, resisted investors?", parser) is None  # asks for a name

    def test_a_question_for_a_name_after_a_leading_clause_has_no_claim_plan(self, parser) -> None:
        assert plan_claims("Considering the TechCrunch article on FTX and the Fortune report on its founder, which "
                           "letter do both names start with?", parser) is None

    def test_a_publication_day_is_the_claims_day_not_its_text(self, parser) -> None:
        plan = plan_claims("Was the Sporting News report published after December 5, 2023 on Tyreek Hill's yards "
                           "consistent with the TechCrunch article on his average?", parser)
        assert plan is not None
        assert "published" not in plan.claims[0].text and "Tyreek Hill's yards" in plan.claims[0].text

    def test_a_claim_is_checked_once(self, parser) -> None:
        plan = plan_claims("Does the Sporting News article say the Marshall quarterback changed, and does the same "
                           "source say so?", parser)
        assert plan is not None and len({c.text for c in plan.claims}) == len(plan.claims)

    def test_a_source_that_borrows_the_claims_words_is_checked_too(self, parser) -> None:
        for question in ["Does the TechCrunch article say that FTX customers lost money, and does The Verge agree?",
                         "Did TechCrunch report that OpenAI fired Sam Altman, as did The Verge?"]:
            plan = plan_claims(question, parser)
            assert plan is not None and [c.sources for c in plan.claims] == [("TechCrunch",), ("The Verge",)]

    def test_only_a_publication_day_leaves_the_claim(self, parser) -> None:
        for said in ["Apple released iOS 17 to all users", "Nvidia released 10 new chips",
                     "the film was released in March 2024"]:
            plan = plan_claims(f"Did TechCrunch report that {said}?", parser)
            assert plan is not None and said.split(" ", 1)[1] in plan.claims[0].text
        plan = plan_claims("Did TechCrunch report, in the article published on Oct. 4, 2023, that FTX customers lost money?",
                           parser)
        assert "Oct" not in plan.claims[0].text and "2023" not in plan.claims[0].text

    def test_a_relative_clause_in_the_leading_clause_keeps_a_yes_no_question(self, parser) -> None:
        plan = plan_claims("Following the TechCrunch report, which said FTX collapsed, did The Verge report that "
                           "its founder was arrested?", parser)
        assert plan is not None and len(plan.claims) == 2


class TestVerdict:
    def test_the_yes_share_sums_every_casing_of_yes_and_no(self) -> None:
        import math

        from assistant.readers.llm.backends import Token
        from assistant.readers.multihop.reader import yes_share

        token = Token(" No", math.log(0.4), {" No": math.log(0.4), " yes": math.log(0.3), " Yes": math.log(0.25),
                                            "no": math.log(0.05)})
        assert abs(yes_share(token) - 0.55) < 1e-9  # the greedy word is "No", yet "yes" is likelier
        assert yes_share(Token(" maybe", -0.1, {" maybe": -0.1})) is None
        assert yes_share(Token(" Yes", -0.1)) is None  # no alternatives given

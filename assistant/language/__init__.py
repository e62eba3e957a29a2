"""Language tables shared by the stages: stop words, stems, named entities (spaCy)."""

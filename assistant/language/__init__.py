"""Language tables and lookups shared by the stages: stop words, stems, WordNet, meanings."""

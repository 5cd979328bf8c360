# The command line's own words: prefixes, prompts, summaries.

error-prefix = error:{" "}
interrupted-after-finish = interrupted after the run had finished

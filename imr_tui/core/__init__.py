"""The core: the only package that knows what an IMR is, and none of it imports Textual.

The template and worked example (guidance/), the review file's model, reading and saving it
(store, lock), opening it (opening), the walk through its questions (walk), the checks, and the
report built once and rendered many ways (report/). The faces (cli, plain/, ui/) stand on it.
"""

"""`cg_structure`: the document's layout as sentence boundaries, before the parser runs.

Reads the tokens only (it runs before "parser"); sets `Token.is_sent_start`
and writes `doc._.cg_furniture` (token ranges of headline-list lines). One
part: `component`. No lexicon: the rules are about layout, not words.
"""

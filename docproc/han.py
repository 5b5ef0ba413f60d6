"""The Han characters names and clauses are made of, for regular-expression classes (`[{HAN}]`): the
basic block, Extension A (rare place names: 䵤滩) and the supplementary planes, Extensions B to H (rarer
ones still: 𪓛宁); a class of the basic block alone would end a name at such a character."""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"

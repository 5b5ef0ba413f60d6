"""Evaluations (机构改革评估): indicator systems and AHP weights, scoring with provenance,
Word reports and charts, the rectification ledger (整改台账). Pure functions over dataclasses."""

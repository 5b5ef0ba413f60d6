"""Evaluation campaigns (评估活动): the office's frame for one evaluation, as the seeds run it —
方案 → 自查自评 → 评估/抽查 (scores and 实地 visits) → 反馈 → 整改 (呼伦贝尔's four stages,
濮阳's information tables, units chosen by hand or drawn at random).

Pure functions over dataclasses, no Flask and no SQL: `phases` (the phases, their deadlines and
their order, the phase under way, what a campaign must hold), `sampling` (reproducible draws of
units from a seed), `board` (per unit × phase: done, late or missing, and what each means),
`reminders` (the late units as a printable list, a sheet and a message), and for the units that
sign in, `self_assessment` (their 自查自评: scores within a leaf's range, what a submission needs,
lateness, reopening, self-score beside the evaluators') and `progress` (their reports of 整改
progress and the office's decisions).
"""

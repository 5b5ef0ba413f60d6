"""Surveys (评议): rounds, raters and their links, scales, answers, sealed ballots and
k-anonymous results; `survey.evaluation` (indicator systems, scoring, reports) and
`survey.reform` (大科室 rules, leader posts, work saturation). Plain Python, no Flask, no SQL."""

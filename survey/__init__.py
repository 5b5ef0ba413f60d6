"""Surveys, ratings, aggregation and evaluations (plain Python, no Flask)."""

"""The Flask web application (thin routes over docproc and survey)."""

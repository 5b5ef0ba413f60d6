"""Reform rules and records: the 大科室 rule set, the 领导职数 ledger (leader posts against
approved numbers) and work saturation (工作饱和度). Pure functions over dataclasses."""

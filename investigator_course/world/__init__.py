"""The synthetic world: one fictional case drawn from a seed (COURSE_BRIEF section 5)."""

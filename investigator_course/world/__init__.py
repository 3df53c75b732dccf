"""The synthetic world: one fictional case drawn from a seed (COURSE_BRIEF section 5).

Layout:

* `rng`, `clock`, `geo`, `names`, `ids`: seeded sub-streams, six months of local and UTC
  time, the I-35/I-70 cities, invented names, fictional identifiers.
* `shared`: the case every dataset agrees on (cast, route, operations, paid listings,
  crypto purchases and cash-outs), built first so the cross-links hold.
* `bank/`: the bank, a package of its own (see `bank/__init__.py` for its map).
* `chain`, `recruitment` (+ `recruitment_text`), `cases`: the other datasets.
* `schemas`, `writer`, `datasheets`, `validate`: file formats, written down once.
* `generate`, `cli`: orchestration and `investigator-course datasets`.
* `detectors`, `scan`: reference detectors and the fictional-identifier scan used by
  the tests (and available to maintainers).
"""

DEFAULT_SEED = 20250101

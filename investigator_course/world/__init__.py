"""The synthetic world: one fictional case drawn from a seed, seen through four datasets.

A single shared case (a trafficking network, the people it exploits, its route,
ads and money) is drawn first; the bank, the chain, the recruitment ads and the
case records each show their side of it, among realistic background activity and
hard negatives, so the datasets cross-link the way real sources would. Everything
is invented (see "Fictional identifiers" and "Realistic, synthetic, safe" in
CONTRIBUTING.md); the same seed always gives the same bytes.

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

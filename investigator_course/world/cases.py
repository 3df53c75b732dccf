"""datasets/cases: victim-services, investigative and intelligence records for the ethics module.

Records are identifiable (as a real system holds them) so learners can practise
minimization, keyed pseudonymization, k-anonymity, l-diversity, linkage, small-cell
suppression, retention and fairness checks. Planted: a rare small group (a nationality
with at most three records), a homogeneous group (one quasi-identifier class whose
members all have the same T-visa status), expired consents still used for sharing,
stale intelligence records (not revalidated for more than five years), an intake risk
score whose false-positive rate is higher for one nationality group, and an access log
with a curiosity browse. The people exploited in the shared case appear here under
the case number, with the names the bank knows them by.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np

from . import clock, names
from .ids import IdMaker, person_email
from .output import Output
from .rng import stream
from .schemas import table, truth_table
from .shared import NATIONALITIES, SharedWorld

AS_OF = date(2025, 6, 30)
ZIP3 = {"001": 412_300, "002": 186_450, "003": 14_820, "004": 9_610}
# Fictional languages for the fictional countries: a real language would tie a group (and the
# score's over-flagged group) to a real community. Most countries have more than one, and one
# language is spoken in several, so a language does not stand for a nationality. The first
# language of a country is the most common (see language_of).
LANGUAGES = {"United States": ("English",), "Arvenia": ("Arvenian", "Fennish"),
             "Belmora": ("Belmoran", "Corvathi"), "Corvath": ("Corvathi", "Belmoran"),
             "Dravenland": ("Dravenish", "Esterian"), "Esteria": ("Esterian", "Dravenish"),
             "Fenmark": ("Fennish", "Arvenian"), "Galveda": ("Galvedan", "Esterian"),
             "Hollin": ("Hollish",), "Kestravia": ("Kestravian", "Dravenish")}
RARE = "Kestravia"
HOMOGENEOUS = "Hollin"  # not used by the shared case, so the class stays clean
SCORE_GROUP = "Belmora"
INDUSTRY = {"sexual": ("commercial sex", "massage business", "hostess bar"),
            "labor": ("cleaning", "agriculture", "restaurant", "construction", "domestic work"),
            "both": ("massage business", "restaurant", "cleaning"), "unknown": (None,)}
RELATION = ("intimate partner", "family member", "employer", "acquaintance", "stranger online",
            "labor recruiter")
REFERRAL = ("law enforcement", "hotline", "hospital", "NGO outreach", "self-referral", "school")
SCOPE = ("case coordination with law enforcement", "referral only",
         "limited: name and contact only")

# Facts about the person, not the record: equal in every record of one person.
PERSON_FIELDS = ("immigration_category", "exploitation_type", "industry", "recruiter_relation",
                 "control_debt", "control_docs_withheld", "control_threats", "control_physical",
                 "cp_requested", "t_visa_status")

RECORDS = table("cases", "records.csv")
PUBLIC_ROLL = table("cases", "public_roll.csv")
ACCESS_LOG = table("cases", "access_log.csv")
ZIP3_POPULATION = table("cases", "zip3_population.csv")
PLANTS = truth_table("cases", "cases_plants.csv")


def language_of(person: dict) -> str:
    """The person's primary language: a fixed function of who they are, so every record of one
    person agrees and no random draw is spent (the other columns keep their values)."""
    spoken = LANGUAGES[person["nationality"]]
    digest = hashlib.sha256(f"language|{person['name']}|{person['dob']}".encode()).digest()
    return spoken[0] if len(spoken) == 1 or digest[0] < 176 else spoken[1]   # about 69% first


def zip5(rng: np.random.Generator, zip3: str | None = None) -> str:
    if zip3 is None:
        keys = list(ZIP3)
        weights = np.array([ZIP3[k] for k in keys], dtype=float)
        zip3 = keys[int(rng.choice(len(keys), p=weights / weights.sum()))]
    width = 40 if ZIP3[zip3] > 100_000 else 8
    return f"{zip3}{int(rng.integers(1, width + 1)):02d}"


class Cases:
    def __init__(self, world: SharedWorld, seed: int, scale: float):
        self.world, self.scale, self.seed = world, scale, seed
        self.rng = stream(seed, "cases")
        self.ids = IdMaker(stream(seed, "cases-ids"))
        self.book = world.phonebook
        self.records: list[dict] = []  # column -> value; risk_score is set by scores()
        self.people: list[dict] = []  # one per person, for the roll
        self.truth: list[tuple] = []  # rows of cases_plants.csv
        self.case_numbers = [f"TF-{y}-{int(self.rng.integers(1000, 9999)):04d}"
                             for y in (2023, 2024, 2024, 2025, 2025, 2025)]

    # ----- people and records -----------------------------------------------------------
    def new_person(self, nationality: str | None = None, sex: str | None = None,
                   age: tuple[int, int] = (16, 55), zip3: str | None = None) -> dict:
        rng = self.rng
        if nationality is None:
            roll = rng.random()
            others = [n for n in NATIONALITIES if n not in (SCORE_GROUP, HOMOGENEOUS)]
            nationality = ("United States" if roll < 0.45 else SCORE_GROUP if roll < 0.63
                           else others[int(rng.integers(len(others)))])
        if sex is None:
            sex = "F" if rng.random() < 0.68 else "M"
        first, last, sex = names.person(rng, sex)
        dob = AS_OF - timedelta(days=int(rng.integers(age[0] * 365, age[1] * 365)))
        person = {"name": f"{first} {last}", "dob": dob, "sex": sex,
                  "zip5": zip5(rng, zip3), "nationality": nationality,
                  "phone": self.book.take("cases", ("316", "785", "816", "913", "620")),
                  "email": person_email(rng, first, last, "cases") if rng.random() < 0.7
                  else None}
        self.people.append(person)
        return person

    def record(self, person: dict, record_type: str, case_number: str | None,
               exploitation: str | None = None, confirmed: bool | None = None,
               opened: date | None = None, validated: date | None = None, **over) -> str:
        rng = self.rng
        rid = self.ids.one("REC")
        nat = person["nationality"]
        if exploitation is None:
            exploitation = ("sexual", "labor", "both", "unknown")[
                int(rng.choice(4, p=(0.45, 0.4, 0.1, 0.05)))]
        if confirmed is None:
            confirmed = rng.random() < 0.58
        opened = opened or date(2023, 1, 1) + timedelta(days=int(rng.integers(0, 900)))
        closed = opened + timedelta(days=int(rng.integers(60, 500)))
        closed = closed if closed < AS_OF and rng.random() < 0.5 else None
        validated = validated or min(AS_OF, opened + timedelta(days=int(rng.integers(0, 400))))
        service = record_type == "service"
        consent = service and rng.random() < 0.55
        consent_date = opened + timedelta(days=int(rng.integers(0, 30))) if consent else None
        if consent_date and consent_date > AS_OF:
            consent_date = AS_OF - timedelta(days=5)
        consent_expiry = consent_date + timedelta(days=365) if consent_date else None
        if consent_expiry and consent_expiry < AS_OF:
            consent_date = AS_OF - timedelta(days=int(rng.integers(10, 300)))
            consent_expiry = consent_date + timedelta(days=365)
        immigration = None if nat == "United States" else (
            "T-visa applicant", "asylum seeker", "visa overstay", "lawful permanent resident",
            "unknown")[int(rng.integers(5))]
        t_visa = "none" if nat == "United States" else ("none", "pending", "approved", "denied")[
            int(rng.choice(4, p=(0.35, 0.35, 0.2, 0.1)))]
        # The two immigration fields agree: only a T-visa applicant has a T-visa status (an
        # applicant's "none" drawn above means the application is still pending).
        if immigration == "T-visa applicant":
            t_visa = "pending" if t_visa == "none" else t_visa
        else:
            t_visa = "none"
        sexual = exploitation in ("sexual", "both")
        labor = exploitation in ("labor", "both")
        row = {
            "record_id": rid, "case_number": case_number, "record_type": record_type,
            "full_name": person["name"], "phone": person["phone"], "email": person["email"],
            "dob": person["dob"].isoformat(), "sex": person["sex"], "zip5": person["zip5"],
            "nationality": nat, "primary_language": language_of(person),
            "immigration_category": immigration, "exploitation_type": exploitation,
            "industry": INDUSTRY[exploitation][int(rng.integers(len(INDUSTRY[exploitation])))],
            "recruiter_relation": RELATION[int(rng.integers(len(RELATION)))],
            "control_debt": bool(rng.random() < (0.5 if labor else 0.25)),
            "control_docs_withheld": bool(rng.random() < (0.45 if labor else 0.15)),
            "control_threats": bool(rng.random() < 0.5),
            "control_physical": bool(rng.random() < (0.35 if sexual else 0.15)),
            "referral_source": REFERRAL[int(rng.integers(len(REFERRAL)))],
            "svc_shelter": bool(service and rng.random() < 0.5),
            "svc_legal": bool(service and rng.random() < 0.6),
            "svc_medical": bool(service and rng.random() < 0.45),
            "svc_interpreter": bool(service and language_of(person) != "English"),
            "consent_le_share": bool(consent),
            "consent_scope": SCOPE[int(rng.integers(len(SCOPE)))] if consent else None,
            "consent_date": consent_date.isoformat() if consent_date else None,
            "consent_expiry": consent_expiry.isoformat() if consent_expiry else None,
            "cp_requested": bool(nat != "United States" and rng.random() < 0.3),
            "t_visa_status": t_visa, "opened": opened.isoformat(),
            "closed": closed.isoformat() if closed else None,
            "last_validated": validated.isoformat(), "risk_score": 0.0,
            "confirmed_trafficking": bool(confirmed),
            "evidence_path": None, "evidence_sha256": None,
        }
        if record_type == "investigative":
            row["evidence_path"] = f"evidence/{case_number or 'unassigned'}/{rid.lower()}.pdf"
            row["evidence_sha256"] = hashlib.sha256(f"SYN-EVIDENCE|{rid}".encode()).hexdigest()
        if record_type == "intelligence":
            row.update(exploitation_type="unknown", industry=None, control_debt=False,
                       control_docs_withheld=False, control_threats=False,
                       control_physical=False, referral_source="law enforcement")
        unknown = over.keys() - row.keys()
        if unknown:
            raise TypeError(f"record(): {sorted(unknown)} are not columns of records.csv")
        row.update(over)
        self.records.append(row)
        return rid

    def plant(self, item: str, plant: str, detail: str) -> None:
        """Note a planted record or access-log entry in the ground truth."""
        self.truth.append(PLANTS.row(item=item, plant=plant, detail=detail))

    def clients(self) -> None:
        rng = self.rng
        for _ in range(int(round(170 * self.scale))):
            nat = None
            person = self.new_person(nat)
            case = (self.case_numbers[int(rng.integers(len(self.case_numbers)))]
                    if rng.random() < 0.7 else None)
            confirmed = rng.random() < 0.58
            self.record(person, "service", case, confirmed=confirmed)
            if case and rng.random() < 0.6:
                # The same person in the task force's file: what is true of the person (their
                # exploitation, immigration status, control) is the same in both records.
                service = self.records[-1]
                same = {c: service[c] for c in PERSON_FIELDS}
                self.record(person, "investigative", case, confirmed=confirmed)
                self.records[-1].update(same)
        for _ in range(int(round(40 * self.scale))):
            person = self.new_person(age=(20, 60))
            opened = date(2021, 1, 1) + timedelta(days=int(rng.integers(0, 1600)))
            validated = min(AS_OF, opened + timedelta(days=int(rng.integers(0, 900))))
            if validated < date(2020, 7, 1):
                validated = date(2021, 1, 1)
            self.record(person, "intelligence", None, confirmed=False, opened=opened,
                        validated=validated)

    def case_consents(self, keys: list[str], dobs: dict) -> dict[str, str | None]:
        """The consent each person of the shared case gave the service partner: six gave none,
        two (adults) consented to case coordination with law enforcement, and the others to a
        referral only or to sharing their name and contact only. A stream of its own picks who,
        so no other value of the dataset moves; the capstone's consent rule (CP-1) rests on it."""
        rng = stream(self.seed, "cases-case-consent")
        order = [keys[i] for i in rng.permutation(len(keys))]
        adults = [k for k in order if dobs[k] <= date(2007, 6, 1) - timedelta(days=1)]
        coordination = adults[:2]
        rest = [k for k in order if k not in coordination]
        scope: dict[str, str | None] = {k: SCOPE[0] for k in coordination}
        for i, key in enumerate(rest):
            scope[key] = None if i < 6 else SCOPE[1 + i % 2]
        return scope

    def planted(self) -> None:
        rng, w = self.rng, self.world
        survivors = [k for k, p in w.people.items() if p.role == "person_exploited"]
        consents = self.case_consents(survivors, {k: w.people[k].dob for k in survivors})
        for key, p in w.people.items():
            if p.role != "person_exploited":
                continue
            person = {"name": p.name, "dob": p.dob, "sex": p.sex, "zip5": zip5(rng, "001"),
                      "nationality": p.nationality if p.nationality in LANGUAGES else
                      "United States", "phone": self.book.take("cases", ("316", "816")),
                      "email": p.email}
            self.people.append(person)
            kind = "sexual" if key.startswith("exploited") else "labor"
            opened = date(2025, 6, 1) + timedelta(days=int(rng.integers(0, 20)))
            scope = consents[key]
            signed = opened + timedelta(days=(int(hashlib.sha256(key.encode()).digest()[0]) % 10))
            given = {"consent_le_share": scope is not None, "consent_scope": scope,
                     "consent_date": signed.isoformat() if scope else None,
                     "consent_expiry": (signed + timedelta(days=365)).isoformat() if scope
                     else None}
            rid = self.record(person, "service", w.case_number, kind, True, opened=opened,
                              industry="massage business" if kind == "sexual" else "cleaning",
                              recruiter_relation="stranger online" if kind == "sexual"
                              else "labor recruiter", **given)
            self.plant(rid, "shared_case_survivor", key)
        for _ in range(int(rng.integers(2, 4))):
            rid = self.record(self.new_person(RARE), "service", None)
            self.plant(rid, "rare_small_group", f"nationality={RARE}")
        for _ in range(6):
            person = self.new_person(HOMOGENEOUS, "M", (30, 39), "002")
            rid = self.record(person, "service", self.case_numbers[1], "labor", True,
                              t_visa_status="pending", immigration_category="T-visa applicant")
            self.plant(rid, "homogeneous_group",
                       f"nationality={HOMOGENEOUS};sex=M;age 30-39;zip3=002;"
                       "all t_visa_status=pending")
        for _ in range(6):
            opened = date(2023, 3, 1) + timedelta(days=int(rng.integers(0, 200)))
            consent_date = opened + timedelta(days=5)
            rid = self.record(self.new_person(), "service", self.case_numbers[0],
                              opened=opened, consent_le_share=True, consent_scope=SCOPE[0],
                              consent_date=consent_date.isoformat(),
                              consent_expiry=(consent_date + timedelta(days=365)).isoformat())
            self.plant(rid, "expired_consent", "consent_le_share true, expired")
        for _ in range(5):  # hard negative: old, but revalidated within five years
            opened = date(2016, 1, 1) + timedelta(days=int(rng.integers(0, 1200)))
            validated = AS_OF - timedelta(days=int(rng.integers(30, 1500)))
            rid = self.record(self.new_person(age=(25, 60)), "intelligence", None,
                              confirmed=False, opened=opened, validated=validated)
            self.plant(rid, "hard_negative_old_but_revalidated", "kept lawfully")
        for _ in range(8):
            opened = date(2016, 1, 1) + timedelta(days=int(rng.integers(0, 1200)))
            validated = opened + timedelta(days=int(rng.integers(0, 300)))
            rid = self.record(self.new_person(age=(25, 60)), "intelligence", None,
                              confirmed=False, opened=opened, validated=validated)
            self.plant(rid, "stale_intelligence", "last_validated over 5 years ago")

    def scores(self) -> None:
        """Intake screening score: informative, but it over-scores one nationality group
        among people who were not trafficked. Within each (group, outcome) stratum a fixed
        share scores at or above 0.5, so the planted false-positive rates (30% against 15%)
        hold for every seed instead of depending on a few random draws."""
        rng = self.rng
        strata: dict[tuple[bool, bool], list[dict]] = {}
        for row in self.records:
            key = (row["nationality"] == SCORE_GROUP, bool(row["confirmed_trafficking"]))
            strata.setdefault(key, []).append(row)
        share_high = {(True, False): 0.30, (False, False): 0.15, (True, True): 0.78,
                      (False, True): 0.78}
        for key, rows in sorted(strata.items()):
            n_high = int(round(share_high[key] * len(rows)))
            order = rng.permutation(len(rows))
            for rank, i in enumerate(order):
                high = rank < n_high
                value = float(rng.beta(2.0, 2.5)) * 0.45 + (0.5 if high else 0.03)
                rows[int(i)]["risk_score"] = round(min(value, 0.999), 3)

    # ----- public roll, access log, population -------------------------------------------
    def roll(self) -> list[tuple]:
        rng = self.rng
        rows = []
        ids = IdMaker(stream(self.world.seed, "cases-roll"))
        for person in self.people:
            if rng.random() < 0.6:
                rows.append(PUBLIC_ROLL.row(roll_id=ids.one("ROL"), full_name=person["name"],
                                            dob=person["dob"].isoformat(), sex=person["sex"],
                                            zip5=person["zip5"]))
        for _ in range(int(round(3000 * self.scale))):
            first, last, sex = names.person(rng)
            dob = AS_OF - timedelta(days=int(rng.integers(18 * 365, 90 * 365)))
            rows.append(PUBLIC_ROLL.row(roll_id=ids.one("ROL"), full_name=f"{first} {last}",
                                        dob=dob.isoformat(), sex=sex, zip5=zip5(rng)))
        return rows

    def access_log(self) -> list[tuple]:
        rng = self.rng
        users = ([f"adv_{i:02d}" for i in range(1, 7)] + [f"det_{i:02d}" for i in range(1, 5)]
                 + [f"ana_{i:02d}" for i in range(1, 4)] + ["audit_01"])
        events = []
        end = 181 * 86400  # the log covers 2025-01-01 to 2025-06-30

        def signed_as_minor(row: dict) -> bool:
            born, signed = date.fromisoformat(row["dob"]), date.fromisoformat(row["consent_date"])
            return (signed.year - born.year
                    - ((signed.month, signed.day) < (born.month, born.day))) < 18

        def seconds(day: str) -> int:
            return (date.fromisoformat(day) - clock.START).days * 86400

        def window(row: dict, user: str) -> tuple[int, int] | None:
            """When `user` may open the record: not before it was opened; a detective or an
            analyst opens a service record only while a consent that covers law enforcement
            is in force (first and last day included) and was signed by an adult (a minor's
            consent alone does not release records: DE-2)."""
            low = max(0, seconds(row["opened"]) + 86400)
            high = end
            if row["record_type"] == "service" and user[:3] in ("det", "ana"):
                if not (row["consent_le_share"] and row["consent_scope"] == SCOPE[0]):
                    return None
                if signed_as_minor(row):
                    return None
                low = max(low, seconds(row["consent_date"]))
                high = min(high, seconds(row["consent_expiry"]) + 86400)
            return (low, high) if low < high else None

        for row in self.records:
            for _ in range(int(rng.integers(1, 6))):
                user = users[int(rng.integers(len(users)))]
                purpose = {"adv": ("case_management", "service_referral"),
                           "det": ("investigation", "court_preparation"),
                           "ana": ("analysis",), "aud": ("audit",)}[user[:3]]
                span = window(row, user)
                if span is None:
                    continue
                t = int(rng.integers(span[0], span[1]))
                events.append((t, user, row["record_id"],
                               purpose[int(rng.integers(len(purpose)))], ""))
        expired = [r["record_id"] for r in self.records if r["consent_le_share"]
                   and r["consent_expiry"] and r["consent_expiry"] < AS_OF.isoformat()]
        for rid in expired:
            events.append((int(rng.integers(150, 180)) * 86400 + int(rng.integers(0, 86400)),
                           "det_02", rid, "investigation", "access_after_consent_expired"))
        night = int(rng.integers(60, 120)) * 86400 + 2 * 3600
        on_call = [r["record_id"] for r in self.records if r["record_type"] == "investigative"
                   and seconds(r["opened"]) + 86400 <= 10 * 86400]
        for _ in range(min(6, len(on_call))):  # hard negative: on-call work at night
            t = int(rng.integers(10, 170)) * 86400 + int(rng.integers(6, 10)) * 3600
            events.append((t, "det_01", on_call[int(rng.integers(len(on_call)))],
                           "investigation", "hard_negative_on_call_night_access"))
        opened_before = [r["record_id"] for r in self.records
                         if seconds(r["opened"]) + 86400 <= night]
        browse = [opened_before[int(i)]
                  for i in rng.choice(len(opened_before), 15, replace=False)]
        for k, rid in enumerate(browse):
            events.append((night + k * 40, "ana_03", rid, "other", "curiosity_browse"))
        events.sort()
        rows, prev = [], "0" * 64
        seen = set()
        for n, (t, user, rid, purpose, plant) in enumerate(events, start=1):
            while t in seen:
                t += 1
            seen.add(t)
            ts = clock.fmt_utc(t)
            row_hash = hashlib.sha256(f"{prev}|{ts}|{user}|{rid}|{purpose}".encode()).hexdigest()
            rows.append(ACCESS_LOG.row(entry_no=n, ts=ts, user=user, record_id=rid,
                                       purpose=purpose, prev_hash=prev, row_hash=row_hash))
            if plant:
                self.plant(f"access_log:{n}", plant, f"{user} {rid}")
            prev = row_hash
        return rows

    def build(self) -> None:
        self.clients()
        self.planted()
        self.scores()


def population_rows() -> list[tuple]:
    return [ZIP3_POPULATION.row(zip3=zip3, population=population)
            for zip3, population in sorted(ZIP3.items())]


def build(world: SharedWorld, seed: int, scale: float) -> Output:
    cases = Cases(world, seed, scale)
    cases.build()
    records = [RECORDS.row(**row) for row in cases.records]
    roll = cases.roll()
    log = cases.access_log()
    tables = {"records.csv": records, "public_roll.csv": roll, "access_log.csv": log,
              "zip3_population.csv": population_rows()}
    truth = {"cases_plants.csv": sorted(cases.truth)}
    facts = {"rare_group": RARE, "homogeneous_group": HOMOGENEOUS, "score_group": SCORE_GROUP,
             "score_false_positive_rate_at_0_5": {"group": 0.30, "others": 0.15},
             "small_zip3": sorted(k for k, v in ZIP3.items() if v <= 20_000)}
    summary = f"{len(records):,} records, {len(roll):,} roll entries, {len(log):,} log entries"
    return Output(tables, truth, facts, summary)

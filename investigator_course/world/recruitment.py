"""datasets/recruitment: job ads, a company registry, seekers' posts and message threads.

Five planted operations (OP-A..OP-E in the shared world) post templated ads with small
edits, rotate two to four phones while keeping one e-mail or handle, put two contacts in
15-25% of ads ("bridge" ads), obfuscate some contacts, move between cities, and (OP-B,
OP-E) answer seekers' posts and move the talk to a messaging app before asking for a
fee and documents. Decoys: a legitimate staffing agency posting many near-identical ads
under one phone, seasonal "housing provided" jobs, travel-nurse ads in many cities,
"no experience necessary" and "urgent hiring" ads.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from . import clock, names
from . import recruitment_text as tx
from .geo import CITIES, STATE_CODES, home_codes
from .ids import IdMaker
from .output import Output
from .rng import stream
from .schemas import table, truth_table
from .shared import SharedWorld

PLATFORMS = ("JobBoardA", "ClassifiedsB", "SocialC")
URL = {"JobBoardA": "https://jobboarda.test/ad/", "ClassifiedsB": "https://classifiedsb.test/l/",
       "SocialC": "https://socialc.test/p/"}

ADS = table("recruitment", "ads.csv")
COMPANIES = table("recruitment", "companies.csv")
SEEKER_POSTS = table("recruitment", "seeker_posts.csv")
MESSAGES = table("recruitment", "messages.csv")
AD_REVIEWS = table("recruitment", "ad_reviews.csv")
TRUTH_OPERATIONS = truth_table("recruitment", "recruitment_operations.csv")
TRUTH_ADS = truth_table("recruitment", "recruitment_ads.csv")
TRUTH_THREADS = truth_table("recruitment", "recruitment_threads.csv")
AD_ID, OP_ID, IS_BRIDGE = (TRUTH_ADS.index(name) for name in ("ad_id", "op_id", "is_bridge"))

def fits(phone: str, cities) -> bool:
    """The number's area code is one of a city's codes or of its state's, for one of `cities`."""
    return any(phone[:3] in CITIES[c].area_codes + STATE_CODES[CITIES[c].state]
               for c in cities)


@dataclass
class Employer:
    key: str
    name: str
    city: str
    cities: list[str]
    roles: list[str]
    phone: str
    email: str
    website: str
    reg_id: str | None
    n_ads: int
    platforms: tuple[float, float, float]
    style: dict = field(default_factory=dict)
    tag: str = "background"  # or a hard-negative label


class Recruitment:
    def __init__(self, world: SharedWorld, seed: int, scale: float):
        self.world, self.scale, self.seed = world, scale, seed
        self.rng = stream(seed, "recruitment")
        self.ids = IdMaker(stream(seed, "recruitment-ids"))
        self.ids.used.update(x.ad_id for x in world.listings)
        self.book = world.phonebook
        self.ads: list[tuple] = []
        self.companies: list[tuple] = []
        self.posts: list[tuple] = []
        self.messages: list[tuple] = []
        self.reviews: list[tuple] = []
        self.truth_ads: list[tuple] = []
        self.truth_threads: list[tuple] = []
        self.employers: list[Employer] = []
        self.reg_used: set[str] = set()
        self.op_phones: dict[str, list[str]] = {}

    # ----- registry and employers -------------------------------------------------------
    def reg_id(self, city: str) -> str:
        while True:
            # "REG-" and a state in front: no state registry numbers its entities this way.
            rid = f"REG-{CITIES[city].state}-{int(self.rng.integers(1_000_000, 9_999_999))}"
            if rid not in self.reg_used:
                self.reg_used.add(rid)
                return rid

    def unlisted_reg(self, state: str, *key: str) -> str:
        """A registration number in the usual form that the registry does not hold, from a
        hash (no draw, so nothing else moves)."""
        for n in range(100):
            rid = f"REG-{state}-{1_000_000 + hash_pick(*key, str(n)) % 9_000_000}"
            if rid not in self.reg_used:
                self.reg_used.add(rid)
                return rid
        raise RuntimeError("no free registration number")

    def formed_elsewhere(self) -> None:
        """Some lawful employers without a registration in the region were formed in another
        state (Delaware, as many companies are) and give that number: the registry of the
        region does not hold it, and it is not a sign (a lawful look-alike for the check
        that an ad's registration is in the registry). A hash picks them, no draw."""
        for emp in self.employers:
            if emp.tag == "background" and emp.reg_id is None and \
                    hash_pick(emp.key, emp.name, "formed-elsewhere") % 3 == 0:
                emp.reg_id = self.unlisted_reg("DE", emp.key, emp.name)

    def register(self, name: str, city: str, status: str = "active") -> str:
        rid = self.reg_id(city)
        since = date(2008, 1, 1) + timedelta(days=int(self.rng.integers(0, 6000)))
        self.companies.append(COMPANIES.row(reg_id=rid, name=name, city=CITIES[city].name,
                                            state=CITIES[city].state,
                                            registered_on=since.isoformat(), status=status))
        return rid

    def employer(self, roles, city, n_ads, tag="background", cities=None, name=None,
                 phone=None, email=None, registered=True, platforms=(0.7, 0.1, 0.2)) -> Employer:
        rng = self.rng
        kind = {"travel_nurse": "Nurse Staffing", "seasonal_farm": "Farms", "resort": "Lodge",
                "massage": "Day Spa", "cdl": "Freight", "cleaner": "Cleaning",
                "warehouse": "Logistics", "cook": "Kitchen", "server": "Grill"}.get(roles[0],
                                                                                     "Services")
        name = name or names.business(rng, kind)
        slug = names.slug(name)
        if phone is None:
            phone = self.book.take("recruitment", CITIES[city].area_codes)
        emp = Employer(
            key=f"emp_{len(self.employers)}", name=name, city=city, cities=cities or [city],
            roles=list(roles), phone=phone,
            email=email or f"{tx.pick(rng, ('jobs', 'hr', 'careers', 'hiring'))}@{slug}.test",
            website=f"https://{slug}.test/careers", reg_id=None, n_ads=n_ads,
            platforms=platforms, tag=tag)
        if registered:
            emp.reg_id = self.register(name, city)
        emp.style = {
            "intro": tx.pick(rng, tx.INTROS), "req": [tx.pick(rng, tx.REQUIREMENTS)
                                                      for _ in range(int(rng.integers(1, 3)))],
            "benefits": [tx.pick(rng, tx.BENEFITS) for _ in range(int(rng.integers(0, 3)))],
            "apply": tx.pick(rng, tx.APPLY), "urgent": rng.random() < 0.25,
            "show_name": rng.random() < 0.9, "show_reg": rng.random() < 0.35,
        }
        self.employers.append(emp)
        return emp

    def build_employers(self) -> None:
        rng, w = self.rng, self.world
        keys = list(CITIES)
        weights = np.array([CITIES[k].weight for k in keys])
        common = ["warehouse", "cleaner", "cook", "server", "driver", "cashier", "aide",
                  "laborer", "hotel", "reception", "support", "nanny", "landscaper"]
        # A board where the operations' ads are a few per cent (EMSCAD's fraud rate is 4.8 %,
        # trafficking far lower): more lawful employers than the first design's 200, and the
        # larger ones repost every few days or weeks, as chains and staffing firms do. The employers
        # are bounded by the fictional phone lines (25 per area code for this dataset).
        for _ in range(int(round(EMPLOYERS * self.scale))):
            city = keys[int(rng.choice(len(keys), p=weights / weights.sum()))]
            roles = [tx.pick(rng, common)]
            n = int(rng.choice(ADS_PER_EMPLOYER, p=ADS_PER_EMPLOYER_P))
            extra = [keys[int(i)] for i in rng.choice(len(keys), 2, replace=False)] if n >= 9 \
                else []
            self.employer(roles, city, n, cities=[city] + extra,
                          registered=rng.random() < 0.85)
        # hard negatives
        staffing = w.businesses["staffing"]
        self.employer(["warehouse", "cleaner", "cashier"], staffing.city, 25 * BOARD,
                      "decoy_staffing_agency", ["WIC", "KCM", "OKC", "TOP"], staffing.name,
                      staffing.phone, staffing.email, platforms=(0.6, 0.1, 0.3))
        self.employers[-1].style.update(apply="Call or text {phone}.", urgent=True,
                                        req=["No experience necessary - we train."],
                                        benefits=["Weekly pay."])
        for _ in range(max(1, int(round(BOARD * self.scale)))):
            self.employer(["travel_nurse"], tx.pick(rng, keys), 5 * BOARD, "decoy_travel_nurse",
                          keys[:], platforms=(0.8, 0.0, 0.2))
            # assignments start on a date, not "now" (a style draw, after the others)
            self.employers[-1].style["urgent"] = False
        for role, city in (("seasonal_farm", "SLN"), ("seasonal_farm", "HAY"),
                           ("resort", "DEN"), ("cdl", "OKC"), ("massage", "WIC"),
                           ("massage", "KCM")):
            for _ in range(max(1, int(round(BOARD / 2 * self.scale)))):
                tag = {"seasonal_farm": "decoy_seasonal_housing", "resort":
                       "decoy_seasonal_housing", "cdl": "decoy_high_weekly_pay",
                       "massage": "decoy_licensed_spa"}[role]
                self.employer([role], city, int(rng.integers(4, 9)) * BOARD // 2, tag)
        # the ad-site buyers of the shared world advertise here too
        self.buyer_employer: dict[str, Employer] = {}
        for listing in sorted(w.listings, key=lambda x: x.posted_utc):
            if listing.buyer != "network" and listing.buyer not in self.buyer_employer:
                emp = self.employer([tx.pick(rng, common)], listing.city, 0,
                                    registered=rng.random() < 0.7)
                self.buyer_employer[listing.buyer] = emp

    def home_state_phones(self) -> None:
        """Every number in an ad on an area code of the advertiser's home (review 03 item 1).

        The phone book sometimes hands out a number of a neighbouring state (a bank customer
        may have moved from there). In a job ad that reads as a mistake, so once every employer has
        its number, a number off its home state is replaced by a home-state one from
        recruitment's own share of the book, and an operation's number off every city it
        works in by one of its first city (from the shared world's share of the book). Done
        after the draws and without one, so no other value moves. The shared world and the
        bank keep their numbers: OP-B's first phone is no longer its controller's number in
        the bank's customer file.
        """
        for op_id, op in sorted(self.world.ops.items()):
            # the operations' burners come from the shared world's share, as before
            own = {c for city in op.cities for c in CITIES[city].area_codes}
            self.op_phones[op_id] = [
                p if p[:3] in own else self.book.take_in("shared", home_codes(op.cities[0]))
                for p in op.phones]
        for emp in self.employers:
            if not fits(emp.phone, [emp.city]):
                emp.phone = self.book.take_in("recruitment", home_codes(emp.city))

    # ----- ads --------------------------------------------------------------------------
    def ad_row(self, ad_id, platform, utc, city, title, body, pay, employer_name, reg_id,
               contact) -> None:
        self.ads.append(ADS.row(
            ad_id=ad_id, platform=platform, posted_at=clock.fmt_utc(utc),
            city=CITIES[city].name, state=CITIES[city].state, title=title, body=body,
            pay_text=pay, employer_name=employer_name, employer_reg_id=reg_id,
            contact_raw=contact, url=URL[platform] + ad_id[3:].lower()))

    def background_ad(self, emp: Employer, ad_id: str | None = None, utc: int | None = None,
                      city: str | None = None, platform: str | None = None) -> None:
        rng = self.rng
        ad_id = ad_id or self.ids.one("AD")
        city = city or tx.pick(rng, emp.cities)
        if utc is None:
            day = int(rng.integers(0, clock.N_DAYS))
            local = clock.normalize_local(day * clock.DAY + int(rng.integers(7 * 3600,
                                                                              22 * 3600)))
            utc = clock.local_to_utc(CITIES[city].zone, local)
        platform = platform or PLATFORMS[int(rng.choice(3, p=emp.platforms))]
        role = tx.pick(rng, emp.roles)
        titles, kind, low, high, duty, _industry = tx.ROLES[role]
        title = titles[hash_pick(emp.key, role) % len(titles)]
        style = emp.style
        fmt = {"employer": emp.name, "title": title, "city": CITIES[city].name,
               "url": emp.website, "phone": tx.phone_variant(rng, emp.phone, rng.random() < 0.03),
               "email": emp.email}
        travel_roles = ("laborer", "driver", "landscaper", "cdl", "cleaner")
        benefits = [b for b in style["benefits"] if role in travel_roles or "Hotel" not in b]
        sentences = [style["intro"].format(**fmt), duty] + style["req"] + benefits
        if role in ("seasonal_farm", "resort"):
            sentences.append("Housing provided for seasonal staff.")
        if role == "travel_nurse":
            sentences.append("Housing stipend and travel reimbursement; assignments in many "
                             "cities.")
        if role == "massage":
            sentences.append("Kansas or Missouri massage license required.")
        if style["urgent"]:
            sentences.append(tx.pick(rng, tx.URGENT))
        if rng.random() < 0.25:
            sentences = tx.edit(rng, sentences, 1)
        pick = hash_pick(ad_id, "look-alike") % 100
        if pick < 4 * len(tx.LOOK_ALIKES):                     # about 16 % of lawful ads
            sentences.append(tx.LOOK_ALIKES[pick // 4])
        second = hash_pick(ad_id, "look-alike-2") % 100
        if second < 5 * len(tx.LOOK_ALIKES_2):                 # about 20 % of lawful ads
            extra = tx.LOOK_ALIKES_2[second // 5]
            if "peak season" in extra and role not in tx.PEAK_PAY_ROLES:
                # $1,500-$2,000 a week is not a housekeeper's or a cashier's pay (second
                # review, should-fix 9): other roles get overtime at the usual rate.
                extra = tx.PEAK_OVERTIME
            sentences.append(extra)
        if role in tx.ROLE_PAY:
            sentences.append(tx.ROLE_PAY[role])
        apply = style["apply"].format(**fmt)
        body = " ".join(sentences + [apply])
        contact = apply if "{url}" not in style["apply"] else f"{apply} / {fmt['phone']}"
        if rng.random() < 0.05:
            title = title.upper()
        self.ad_row(ad_id, platform, utc, city, title, body, tx.pay_text(rng, kind, low, high),
                    emp.name if style["show_name"] else None,
                    emp.reg_id if (emp.reg_id and style["show_reg"]) else None, contact)
        role_label = "decoy" if emp.tag != "background" else "background"
        # Only the contacts the ad shows (the employer's e-mail was once listed even when
        # the ad gave only a phone): an e-mail ad shows the e-mail, every other ad the phone.
        shown = {emp.email} if "{email}" in style["apply"] else {emp.phone}
        self.truth_ads.append(TRUTH_ADS.row(
            ad_id=ad_id, op_id="", role=role_label, is_bridge=False, hard_negative=emp.tag,
            indicators="", obfuscated=False, contacts=";".join(sorted(shown))))

    def background_ads(self) -> None:
        w = self.world
        for emp in self.employers:
            for _ in range(emp.n_ads):
                self.background_ad(emp)
        for listing in w.listings:
            if listing.buyer != "network":
                self.background_ad(self.buyer_employer[listing.buyer], listing.ad_id,
                                   listing.posted_utc, listing.city, "ClassifiedsB")

    # ----- operations -------------------------------------------------------------------
    def op_ads(self) -> None:
        rng, w = self.rng, self.world
        plan: dict[str, list[tuple[str, int, str, str]]] = {op: [] for op in w.ops}
        for listing in w.listings:
            if listing.buyer == "network":
                plan["OP-A"].append((listing.ad_id, listing.posted_utc, listing.city,
                                     "ClassifiedsB"))
        for stay in w.route:
            if rng.random() < 0.5:
                plan["OP-A"].append(self._op_slot(stay.city, stay.start, stay.start + 1,
                                                  "SocialC"))
        op_b = w.ops["OP-B"]
        for _ in range(count(24, 1.0)):
            plan["OP-B"].append(self._op_slot(tx.pick(rng, op_b.cities), 0, clock.N_DAYS - 1,
                                              ("JobBoardA", "SocialC")[int(rng.random() < .3)]))
        op_c = w.ops["OP-C"]
        for burst in (20, 75, 130):  # broadcast bursts: many cities within days
            for city in op_c.cities:
                plan["OP-C"].append(self._op_slot(city, burst, burst + 4,
                                                  ("SocialC", "JobBoardA")[int(rng.random() < .3)]))
        op_d = w.ops["OP-D"]
        for i, city in enumerate(op_d.cities * 4):
            start = 30 + i * 7
            plan["OP-D"].append(self._op_slot(city, start, start + 5,
                                              ("JobBoardA", "SocialC")[int(rng.random() < .4)]))
        for _ in range(6):
            plan["OP-E"].append(self._op_slot(tx.pick(rng, w.ops["OP-E"].cities), 0,
                                              clock.N_DAYS - 1, "SocialC"))
        names_by_op = {"OP-A": None, "OP-B": w.businesses["cleaning"].name,
                       "OP-C": names.business(rng, "Global Services"),
                       "OP-D": names.business(rng, "Farm Crew", "LLC"),
                       "OP-E": names.business(rng, "Placement Agency")}
        self.dissolved = self.register(names_by_op["OP-D"], "SLN", "dissolved")
        cleaning_reg = self.register(w.businesses["cleaning"].name, "KCM")
        # OP-D's ads give the registration of its dissolved company (so the two can be linked).
        # OP-E, a fake agency, gives a registration number no registry holds.
        self.fake_reg = self.unlisted_reg(CITIES[w.ops["OP-E"].cities[0]].state,
                                          names_by_op["OP-E"])
        regs = {"OP-B": cleaning_reg, "OP-D": self.dissolved, "OP-E": self.fake_reg}
        self.bridges = {}
        for op_id, slots in plan.items():
            slots.sort(key=lambda s: s[1])
            self.bridges[op_id] = self._choose_bridges(len(slots), len(w.ops[op_id].phones))
            for k, (ad_id, utc, city, platform) in enumerate(slots):
                self.op_ad(op_id, k, len(slots), ad_id, utc, city, platform,
                           names_by_op[op_id], regs.get(op_id))

    @staticmethod
    def _phone_index(k: int, n: int, phones: int) -> int:
        return min(int(k * phones / max(n, 1)), phones - 1)

    def _choose_bridges(self, n: int, phones: int) -> set[int]:
        """About 20% of an operation's ads carry two phones, at least one at each point where
        the operation switches to its next phone, so that chaining ads through shared
        contacts links the whole operation (a phone rotation alone would split it into
        one group per phone)."""
        rng = self.rng
        chosen = set()
        for k in range(1, n):
            if self._phone_index(k, n, phones) != self._phone_index(k - 1, n, phones):
                chosen.add(k - 1)
        target = max(len(chosen), int(round(0.2 * n)))
        rest = [k for k in rng.permutation(n) if int(k) not in chosen]
        chosen |= {int(k) for k in rest[: target - len(chosen)]}
        return chosen

    def _op_slot(self, city: str, first: int, last: int, platform: str):
        rng = self.rng
        day = min(int(rng.integers(first, max(first + 1, last + 1))), clock.N_DAYS - 1)
        local = clock.normalize_local(day * clock.DAY + int(rng.integers(9 * 3600, 23 * 3600)))
        return (self.ids.one("AD"), clock.local_to_utc(CITIES[city].zone, local), city, platform)

    def op_ad(self, op_id, k, n, ad_id, utc, city, platform, employer_name, reg_id) -> None:
        rng, op = self.rng, self.world.ops[op_id]
        t = tx.OP_TEMPLATES[op_id]
        fmt = {"city": CITIES[city].name, "employer": employer_name or ""}
        sentences = [s.format(**fmt) for s in t["sentences"]]
        role = "template" if k == 0 else "variant"
        if k:
            sentences = tx.edit(rng, sentences, int(rng.integers(1, 4)))
        indicators = t["indicators"]
        quiet = hash_pick(ad_id, "quiet")
        if k and quiet % 100 < QUIET_PERCENT:
            # A quieter variant (a hash, not a draw): it leaves out one or two of the
            # urgency, "no experience" and travel lines, so counting indicators can miss it.
            tags = list(tx.QUIET)
            first = tags[(quiet // 100) % 3]
            dropped = {first, tags[(tags.index(first) + 1) % 3]} if quiet // 300 % 2 else {first}
            cues = [tx.QUIET[tag] for tag in dropped]
            dropped = {tag for tag in dropped
                       if any(re.search(tx.QUIET[tag], s, re.I) for s in sentences)}
            sentences = [s for s in sentences if not any(re.search(c, s, re.I) for c in cues)]
            indicators = ";".join(i for i in indicators.split(";") if i not in dropped)
        title = tx.pick(rng, t["titles"]).format(**fmt)
        # phones rotate over time; a bridge ad carries the current and the next contact
        phones = self.op_phones[op_id]
        idx = self._phone_index(k, n, len(phones))
        contacts = [("phone", phones[idx])]
        bridge = k in self.bridges[op_id]
        if bridge:
            other = phones[idx + 1] if idx + 1 < len(phones) else phones[idx - 1]
            contacts.append(("phone", other))
        if op.email and rng.random() < 0.45:
            contacts.append(("email", op.email))
        if op_id in ("OP-A", "OP-C", "OP-E") and rng.random() < 0.6:
            contacts.append(("handle", op.handle))
        elif op_id == "OP-B" and hash_pick(ad_id, "handle") % 4 == 0:
            # OP-B's messaging handle, the one its recruiters use in the threads, in about a
            # quarter of its ads (so it can link them). A hash, not a draw: nothing moves.
            contacts.append(("handle", op.handle))
        hideable = [i for i, (kind, _) in enumerate(contacts) if kind != "handle"]
        hide = hideable[int(rng.integers(len(hideable)))] if rng.random() < 0.25 else -1
        keep, force_reg = list(range(len(contacts))), False
        if op_id == SPLIT_OP:
            # On its last phone the operation changed every contact (no e-mail, no bridge
            # back to the phone before), so contacts alone split it in two; its template and
            # the registration number its ads give (always, from the new phone on) still join
            # the halves. Every contact is still drawn and only the kept ones are written,
            # so no later draw moves.
            on_last = idx == len(phones) - 1
            keep = [i for i, (kind, value) in enumerate(contacts)
                    if not (on_last and kind == "email")
                    and not (kind == "phone" and (value == phones[-1]) != on_last)]
            bridge = sum(contacts[i][0] == "phone" for i in keep) >= 2
            force_reg = on_last or k == 0
        obfuscated = hide in keep
        parts = []
        for i, (kind, value) in enumerate(contacts):
            if kind == "phone":
                part = (tx.pick(rng, ("Text ", "Call/text ", "📱 ", "text ", "Contact: "))
                        + tx.phone_variant(rng, value, i == hide))
            elif kind == "email":
                part = "email " + tx.email_variant(rng, value, i == hide)
            else:
                part = f"ChatAppX: {value}"
            if i in keep:
                parts.append(part)
        contacts = [contacts[i] for i in keep]
        contact = " / ".join(parts)
        body = " ".join(sentences) + (" " + contact if rng.random() < 0.5 else "")
        self.ad_row(ad_id, platform, utc, city, title, body, tx.pick(rng, t["pay"]),
                    employer_name, reg_id if rng.random() < 0.5 or force_reg else None,
                    contact)
        normalized = sorted(v for _, v in contacts)
        self.truth_ads.append(TRUTH_ADS.row(
            ad_id=ad_id, op_id=op_id, role=role, is_bridge=bridge, hard_negative="",
            indicators=indicators, obfuscated=obfuscated, contacts=";".join(normalized)))

    # ----- a recycled number -----------------------------------------------------------
    def recycle_number(self) -> None:
        """A lawful employer's later ads carry a number an operation gave up.

        Carriers hand numbers that were given up to new customers, so an old phone of OP-A
        turns up, months later, in the ads of a lawful employer in the same area code: the
        contact graph joins them. No random draw is used, so nothing else changes.
        """
        posted, body, contact = (ADS.index(n) for n in ("posted_at", "body", "contact_raw"))
        contacts, tag = TRUTH_ADS.index("contacts"), TRUTH_ADS.index("hard_negative")
        old = self.op_phones["OP-A"][0]
        truth = {row[AD_ID]: i for i, row in enumerate(self.truth_ads)}
        rows = {row[ADS.index("ad_id")]: i for i, row in enumerate(self.ads)}
        used = [self.ads[rows[r[AD_ID]]][posted] for r in self.truth_ads
                if r[OP_ID] and old in r[contacts].split(";")]
        if not used:
            return
        cutoff = (date.fromisoformat(max(used)[:10]) + timedelta(days=45)).isoformat()
        for emp in sorted(self.employers, key=lambda e: int(e.key.split("_")[1])):
            if emp.tag != "background" or old[:3] not in CITIES[emp.city].area_codes:
                continue
            later = [r for r in self.truth_ads if not r[OP_ID] and emp.phone in r[contacts]
                     and self.ads[rows[r[AD_ID]]][posted] > cutoff]
            spaced = r"[\s.()-]*".join(emp.phone.replace("-", ""))
            later = [r for r in later if re.search(spaced, self.ads[rows[r[AD_ID]]][contact])]
            if not 3 <= len(later) <= 6:   # a small employer: one number, a few later ads
                continue
            new_digits = old.replace("-", "")

            def swap(match, new_digits=new_digits):
                digits = iter(new_digits)
                return "".join(next(digits) if ch.isdigit() else ch for ch in match.group(0))

            for r in later:
                ad = list(self.ads[rows[r[AD_ID]]])
                ad[body], ad[contact] = (re.sub(spaced, swap, ad[body]),
                                         re.sub(spaced, swap, ad[contact]))
                self.ads[rows[r[AD_ID]]] = tuple(ad)
                row = list(r)
                row[contacts] = ";".join(sorted(c if c != emp.phone else old
                                                for c in r[contacts].split(";")))
                row[tag] = "decoy_recycled_number"
                self.truth_ads[truth[r[AD_ID]]] = tuple(row)
            return

    # ----- seekers and threads ---------------------------------------------------------
    def seekers(self) -> None:
        rng = self.rng
        keys = list(CITIES)
        self.post_info = []
        for _ in range(int(round(220 * self.scale))):
            pid = self.ids.one("PST")
            city = tx.pick(rng, keys)
            handle = f"demo_{names.word(rng).lower()}{int(rng.integers(10, 999))}"
            role = tx.pick(rng, list(tx.ROLES)[:13])
            text = tx.pick(rng, tx.SEEKER_TEXTS).format(role=role, city=CITIES[city].name,
                                                         years=int(rng.integers(1, 8)))
            day = int(rng.integers(0, clock.N_DAYS - 5))
            utc = day * clock.DAY + int(rng.integers(13 * 3600, 28 * 3600))
            platform = ("SocialC", "JobBoardA")[int(rng.random() < 0.3)]
            self.posts.append(SEEKER_POSTS.row(
                post_id=pid, platform=platform, posted_at=clock.fmt_utc(utc),
                city=CITIES[city].name, state=CITIES[city].state, handle=handle, text=text))
            self.post_info.append((pid, platform, utc, city, handle, role,
                                   "abroad" in text or "any work" in text))

    def threads(self) -> None:
        rng = self.rng
        targets = [p for p in self.post_info if p[6]]
        others = [p for p in self.post_info if not p[6]]
        order = [targets[int(i)] for i in rng.permutation(len(targets))]
        n_op = {"OP-B": count(8, self.scale), "OP-E": count(12, self.scale)}
        k = 0
        for op_id, n in n_op.items():
            fee = {"OP-B": "$350", "OP-E": "$150"}[op_id]
            for _ in range(n):
                if k >= len(order):
                    break
                self.recruiter_thread(op_id, order[k], fee)
                k += 1
        rest = order[k:] + others
        legit = [e for e in self.employers if e.tag in ("background", "decoy_staffing_agency")]
        for post in [rest[int(i)] for i in rng.permutation(len(rest))][: count(45, self.scale)]:
            self.employer_thread(tx.pick(rng, legit), post)

    def _msg(self, thread, post_id, utc, platform, sender, recipient, text) -> None:
        self.messages.append(MESSAGES.row(
            msg_id=self.ids.one("MSG"), thread_id=thread, in_reply_to_post=post_id,
            sent_at=clock.fmt_utc(utc), platform=platform, sender_handle=sender,
            recipient_handle=recipient, text=text))

    def recruiter_thread(self, op_id: str, post, fee: str) -> None:
        rng, op = self.rng, self.world.ops[op_id]
        pid, platform, utc, city, seeker, role, _ = post
        thread = self.ids.one("THR")
        on_platform = f"demo_{names.word(rng).lower()}_jobs"
        # Mostly fast, but not always: a busy recruiter answers after an hour or two.
        reply = int(rng.integers(2, 16)) if rng.random() < 0.75 else int(rng.integers(30, 150))
        t = utc + reply * 60
        flags = {"fee": False, "documents": False, "platform_switch": False, "urgency": False}
        switched = False
        for i, (wordings, flag) in enumerate(tx.RECRUITER_SCRIPT):
            if i > 1 and rng.random() < 0.15:
                continue
            where = "ChatAppX" if switched else platform
            sender = op.handle if switched else on_platform
            self._msg(thread, pid, t, where, sender, seeker,
                      tx.pick(rng, wordings).format(role=role, handle=op.handle, fee=fee))
            flags[flag] = flags.get(flag, False) or flag != "reply"
            if flag == "platform_switch":
                switched = True
            t += int(rng.integers(1, 30)) * 60
            if rng.random() < 0.8:
                self._msg(thread, pid, t, "ChatAppX" if switched else platform, seeker,
                          sender if not switched else op.handle,
                          tx.pick(rng, tx.SEEKER_REPLIES[flag]))
                t += int(rng.integers(2, 240)) * 60
        self.truth_threads.append(TRUTH_THREADS.row(
            thread_id=thread, op_id=op_id, first_reply_minutes=reply,
            platform_switch=flags["platform_switch"], fee_requested=flags["fee"],
            documents_requested=flags["documents"], urgency=flags["urgency"]))

    def employer_thread(self, emp: Employer, post) -> None:
        rng = self.rng
        pid, platform, utc, city, seeker, role, _ = post
        thread = self.ids.one("THR")
        sender = f"demo_{names.slug(emp.name)[:14].replace('-', '_')}"
        # Lawful look-alikes: a staffing agency and about a third of employers answer fast.
        fast = emp.tag == "decoy_staffing_agency" or rng.random() < 0.3
        reply = int(rng.integers(3, 45)) if fast else int(rng.integers(180, 4320))
        moves_to_app = rng.random() < 0.2
        says_no_fee = rng.random() < 0.25
        t = utc + reply * 60
        weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")[int(rng.integers(5))]
        where, who = platform, sender
        for i, wordings in enumerate(tx.EMPLOYER_SCRIPT):
            if i and rng.random() < 0.3:
                break
            text = tx.pick(rng, wordings).format(role=role, employer=emp.name,
                                                 city=CITIES[city].name, url=emp.website,
                                                 weekday=weekday)
            if i == 0 and says_no_fee:
                text = f"{text} {tx.EMPLOYER_NO_FEE}"
            self._msg(thread, pid, t, where, who, seeker, text)
            t += int(rng.integers(5, 600)) * 60
            if i == 0 and moves_to_app:
                self._msg(thread, pid, t, where, who, seeker,
                          tx.EMPLOYER_APP.format(handle=f"{sender}_hr"))
                where, who = "ChatAppX", f"{sender}_hr"
                t += int(rng.integers(5, 120)) * 60
            self._msg(thread, pid, t, where, seeker, who,
                      tx.pick(rng, tx.SEEKER_REPLIES["employer"]))
            t += int(rng.integers(240, 2880)) * 60
        self.truth_threads.append(TRUTH_THREADS.row(
            thread_id=thread, op_id="", first_reply_minutes=reply, platform_switch=moves_to_app,
            fee_requested=False, documents_requested=False, urgency=False))

    # ----- reviews and registry noise ---------------------------------------------------
    def review(self) -> None:
        """A partial, imperfect analyst review (third review of 03, blocking 2).

        The analysts looked at what seemed suspicious more often: the operations' ads and the
        lawful look-alikes at 30 %, the plain lawful ads at 12 % (verification bias). They
        miss some planted ads (the quiet ones), and they link a lawful ad for the reasons
        analysts go wrong, never at random: it carries a number of an ad they linked (a
        recycled number), it is a look-alike (a spa, a seasonal job with housing, a truck
        driver's weekly pay), or it carries a look-alike's words (a fee reimbursed, "text
        only", a photo ID). A plain lawful ad is never linked, at worst `inconclusive`. The
        review has its own random stream, so no other table moves with it; a review comes
        after the ad was posted.
        """
        rng = stream(self.seed, "recruitment-review")
        posted = {row[ADS.index("ad_id")]:
                  (date.fromisoformat(row[ADS.index("posted_at")][:10]) - clock.START).days
                  for row in self.ads}
        contacts = TRUTH_ADS.index("contacts")
        found: list[list] = []
        for ad in self.truth_ads:
            hard = ad[TRUTH_ADS.index("hard_negative")] not in ("", "background")
            if rng.random() >= (0.3 if ad[OP_ID] or hard else 0.12):
                continue
            draw = rng.random()
            day = min(posted[ad[AD_ID]] + int(rng.integers(1, 31)), clock.N_DAYS - 1)
            if ad[OP_ID]:
                finding = ("linked_to_investigation" if draw < 0.65 else
                           "inconclusive" if draw < 0.85 else "no_concern")
                # An analyst misses the quiet ads, not the ones that ask for a fee or keep
                # documents (second review, should-fix 4).
                strong = {"fee_requested", "documents_retained"} & set(
                    ad[TRUTH_ADS.index("indicators")].split(";"))
                if strong and finding == "no_concern":
                    finding = "inconclusive"
                elif not strong and draw >= 0.75:
                    finding = "no_concern"
            else:
                # A look-alike is linked by mistake five times in a hundred reviews, a lawful
                # ad with a look-alike's words twice in a hundred, a plain lawful ad never.
                worded = (hash_pick(ad[AD_ID], "look-alike") % 100 < 4 * len(tx.LOOK_ALIKES)
                          or hash_pick(ad[AD_ID], "look-alike-2") % 100
                          < 5 * len(tx.LOOK_ALIKES_2))
                wrong = 0.05 if hard else 0.02 if worded else 0.0
                finding = ("linked_to_investigation" if draw < wrong else
                           "inconclusive" if draw < wrong + (0.06 if hard or worded else 0.03)
                           else "no_concern")
            found.append([ad[AD_ID], day, finding, set(ad[contacts].split(";")) - {""},
                          bool(ad[OP_ID])])
        # A lawful ad that carries a contact of a planted ad the analysts linked (a number a
        # carrier recycled, say) is linked too, most of the time: the number is in the case
        # file. (The case file holds the operations' numbers the investigation confirmed, not
        # every number of an ad linked by its words, so one wrong link does not spread.)
        known = set().union(*(f[3] for f in found
                              if f[4] and f[2] == "linked_to_investigation"))
        for f in found:
            if not f[4] and f[2] != "linked_to_investigation" and f[3] & known \
                    and rng.random() < 0.8:
                f[2] = "linked_to_investigation"
        for ad_id, day, finding, _, _ in found:
            self.reviews.append(AD_REVIEWS.row(
                ad_id=ad_id, reviewed_on=clock.fmt_date(day), finding=finding))
        # The first review drew from the dataset's stream; the same draws are made and
        # dropped here, so the registry's noise below keeps its names and numbers.
        for ad in self.truth_ads:
            hard = ad[TRUTH_ADS.index("hard_negative")] not in ("", "background")
            if self.rng.random() < (0.3 if hard else 0.12):
                self.rng.random()
                self.rng.integers(30, clock.N_DAYS)
        self.registry_noise()

    def registry_noise(self) -> None:
        rng = self.rng
        for _ in range(int(round(60 * self.scale))):
            city = tx.pick(rng, list(CITIES))
            self.register(names.business(rng, tx.pick(rng, ("Holdings", "Services", "Group",
                                                            "Partners"))), city,
                          "dissolved" if rng.random() < 0.15 else "active")

    def build(self) -> None:
        self.build_employers()
        self.formed_elsewhere()
        self.home_state_phones()
        self.background_ads()
        self.op_ads()
        self.recycle_number()
        self.seekers()
        self.threads()
        self.review()


# The lawful board (third fix round): about 3-4 % of the ads are planted. BOARD multiplies the
# look-alikes' ads (staffing agency, travel nurses, seasonal housing, spas, truck drivers) so they
# stay in proportion to the lawful background; half of it as more employers, half as more ads
# each, because the fictional phone lines (25 per area code here, and Kansas, Missouri and
# Oklahoma take most employers) bound the number of employers.
BOARD = 4
EMPLOYERS = 240
ADS_PER_EMPLOYER = (1, 2, 4, 6, 9, 14, 25, 40, 60)
ADS_PER_EMPLOYER_P = (0.17, 0.13, 0.12, 0.1, 0.1, 0.11, 0.11, 0.1, 0.06)
SPLIT_OP = "OP-D"  # contacts alone split it in two; its registration number joins the halves
QUIET_PERCENT = 40  # share of an operation's variant ads that leave some indicators out


def count(base: float, scale: float) -> int:
    return max(1, int(round(base * scale)))


def hash_pick(*parts: str) -> int:
    """A stable small integer from strings (never Python's salted hash())."""
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:4], "big")


def build(world: SharedWorld, seed: int, scale: float) -> Output:
    rec = Recruitment(world, seed, scale)
    rec.build()
    ops = []
    for op_id, op in sorted(world.ops.items()):
        ads = [row for row in rec.truth_ads if row[OP_ID] == op_id]
        ops.append(TRUTH_OPERATIONS.row(
            op_id=op_id, scenario=op.scenario, phones=";".join(rec.op_phones[op_id]),
            email=op.email or "",
            handle=op.handle, cities=";".join(op.cities), n_ads=len(ads),
            n_bridge_ads=sum(1 for row in ads if row[IS_BRIDGE])))
    truth = {
        "recruitment_operations.csv": ops,
        "recruitment_ads.csv": sorted(rec.truth_ads),
        "recruitment_threads.csv": sorted(rec.truth_threads),
    }
    tables = {"ads.csv": rec.ads, "companies.csv": rec.companies, "seeker_posts.csv": rec.posts,
              "messages.csv": rec.messages, "ad_reviews.csv": rec.reviews}
    facts = {"dissolved_registration_used_by_OP-D": rec.dissolved,
             "unlisted_registration_used_by_OP-E": rec.fake_reg,
             "operation_split_by_contacts": SPLIT_OP}
    summary = (f"{len(rec.ads):,} ads ({sum(1 for r in rec.truth_ads if r[OP_ID]):,} planted), "
               f"{len(rec.messages):,} messages")
    return Output(tables, truth, facts, summary)

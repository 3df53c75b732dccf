"""DATASHEET.md for each dataset folder (after Gebru et al., Datasheets for Datasets).

The text is generated with the data, so the seed, the scale, the row counts and the
schema tables can never drift from the files beside them. Planted patterns are
described in general terms only: the specifics are ground truth for instructors.
"""

from __future__ import annotations

from .schemas import SCHEMAS, TYPES

BANNER = ("> **Synthetic — no real persons.** Every person, business, account, phone number, "
          "e-mail address, wallet and platform in this folder is invented. Cities are real "
          "places used as a training scenario, not a claim about them.")

PURPOSE = {
    "bank": (
        "Six months of records from the fictional Exemplar Community Bank, for assignment 01 "
        "(financial red flags) and the capstone. Trainees map FinCEN FIN-2020-A008 indicators "
        "to data, detect structuring with rolling windows, find funnel accounts, profile "
        "out-of-profile spending against occupation and industry peers, flag front-business "
        "signals, find controlled accounts through shared identifiers, and measure a "
        "transparent score's precision and recall against `confirmed_cases.csv`."),
    "chain": (
        "A toy Bitcoin-like ledger (the Practice Coin) for assignment 02 (blockchain basics) "
        "and the capstone: hashing and block links, Merkle roots and proof of work, UTXO "
        "accounting, common-input-ownership clustering, change and peeling chains, CoinJoin, "
        "tracing to an exchange, linking ads to payments, and a legal-process return."),
    "recruitment": (
        "Job ads from three fictional platforms, a business registry, job seekers' posts and "
        "message threads, for assignment 03 (online recruitment) and the capstone: indicator "
        "flags, contact extraction and normalization, linking ads through shared contacts, "
        "near-duplicate text, movement between cities, passive-recruitment threads, and the "
        "evaluation of an indicator score."),
    "cases": (
        "Identifiable victim-services, investigative and intelligence records of a fictional "
        "task force and its service partner, for assignment 04 (victim-centered data ethics) "
        "and the capstone: minimization, keyed pseudonymization, k-anonymity and l-diversity, "
        "a linkage attack, small-cell suppression, retention, access-log integrity and the "
        "fairness of a risk score."),
}

PLANTED = {
    "bank": [
        "A small trafficking network (controllers, a front business, an exploitative employer "
        "and the people they exploit) acting out the FIN-2020-A008 typologies: front company, "
        "exploitative employment, funnel accounts, alternative payments.",
        "Financial indicators F1-F10: activity in many cities, hotel, rideshare and late-night "
        "spending inconsistent with the customer's profile, after-hours cash-heavy business "
        "activity, prepaid cards, payments to an overseas classified-ad site, virtual-currency "
        "purchases, processor-masked counterparties, structuring below reporting thresholds "
        "(cash just under $10,000 a business day, over consecutive business days, at "
        "different branches and by more than one depositor).",
        "Controlled accounts: accounts linked by shared devices, phones or addresses, with "
        "third-party cash deposits swept out the same day.",
        "Exploitative employment: sub-minimum payroll, wages sent back within hours as rent "
        "for a shared house and as repayments of a debt that was never paid out (coerced "
        "debt), recruitment and visa fees, many workers at one address.",
        "The people in the case are women and men, among those who control and those who "
        "are exploited.",
        "Behavioral indicators B1-B10 in branch staff notes.",
        "Hard negatives that share one indicator with the typologies: long-haul truckers, "
        "travel nurses, traveling sales staff, family remittances, cash-heavy restaurants "
        "with payroll, bars open late, licensed spas, a used-car dealer with reported cash, a "
        "vending operator depositing cash in several towns, students whose parents deposit "
        "cash at home, a farm housing its seasonal crew, a legitimate staffing agency, "
        "crypto hobbyists, prepaid gift cards, one-off cash sales just under $10,000.",
        "`confirmed_cases.csv` is partial: some people involved in the confirmed case are not "
        "yet identified, and most customers were never reviewed.",
    ],
    "chain": [
        "Ad payments into one-time deposit addresses of an ad site, swept 30 or more at a "
        "time; an operation's income consolidated, then moved through a peeling chain of "
        "8-12 hops; part passes through a 5x5 CoinJoin whose participants bring coins from "
        "addresses they had already spent together with others (so clustering through it "
        "joins unrelated people's clusters); cash-out at an exchange that sweeps deposits to "
        "its hot wallet; a dusting transaction (the network's wallet leaves the dust alone until "
        "its first consolidation co-spends it with the network's other coins).",
        "Decoys: equal-output batch payouts of a merchant (more equal outputs than input "
        "addresses: not a CoinJoin), heavy address reuse by miners and the exchange, and "
        "background traffic.",
        "Attribution tags carry source and confidence; at least one low-confidence tag is "
        "wrong, as real heuristic tags sometimes are.",
        "Ad payments are not all a few minutes before their ad: the network sometimes pays "
        "for a day's ads in one sitting, the site holds some ads for review (paid hours "
        "before they go live, sometimes inside another ad of the same price's window), and "
        "some payers pay up to 90 minutes ahead; so matching by time and price leaves some "
        "ads ambiguous, misses some and gets a few wrong.",
        "The exchange's legal-process return carries identity (ID document type and "
        "fictional number, street address), the linked bank account as routing and account "
        "number, logins with IP addresses and devices, deposits, trades with price and fee, "
        "and ACH withdrawals, each booked at its own time; one login device is the one the "
        "bank's records show for the same customer.",
    ],
    "recruitment": [
        "Several deceptive-recruitment operations: templated text with small edits, rotating "
        "phones with a shared e-mail or messaging handle, some ads listing two contacts, some "
        "contacts obfuscated, posting that moves between cities, and passive recruitment in "
        "threads (fast reply, move to a messaging app, fee, documents, urgency).",
        "Decoys: a legitimate staffing agency posting many near-identical ads under one phone, "
        "travel-nurse ads in many cities, seasonal jobs with housing, licensed spa jobs, high "
        "weekly pay for truck drivers, 'no experience necessary' and 'urgent hiring' ads.",
        "A phone number that an operation gave up reappears, weeks later, in a lawful "
        "employer's ads (numbers are recycled by carriers).",
        "One operation changes every contact at once partway through, so its ads fall into two "
        "groups that share no contact; the registration number its ads give and its template "
        "text still join them. Some ads give a registration number the registry does not hold "
        "(a fake agency's, and lawful employers formed in another state, `REG-DE-...`) or "
        "holds as dissolved.",
        "Every phone is on a real area code of the advertiser's home state (of the next state "
        "along the route when that state's fictional lines run out), with a fictional "
        "555-01XX line. An operation or a multi-city employer keeps its home number when it "
        "posts in another city, so a Dallas number in a Wichita ad shows movement, not an "
        "error. The cities and routes are a training scenario.",
        "Lawful ads with one indicator's words: a reimbursed background-check fee, 'text only' "
        "because the office line is busy, a photo ID or an age of 21+ required.",
        "About a fifth of lawful ads carry a second look-alike (training travel covered, high "
        "peak-season pay for truck drivers, harvest and construction crews, 'start this week', a "
        "refundable locker-key deposit); truck drivers and "
        "travel nurses state a high weekly pay. Some of the operations' ads leave out the "
        "urgency, 'no experience' or travel line.",
        "Lawful look-alikes in the threads: employers who answer within minutes, move the talk "
        "to a messaging app, say there is no fee, or ask a new hire to bring a passport for the "
        "I-9 form; recruiters' messages come in several wordings, and some answer slowly.",
        "`ad_reviews.csv` is a partial, imperfect analyst review, not ground truth: the "
        "analysts looked at ads that seemed suspicious (the operations' ads and the lawful "
        "look-alikes, about 3 in 10) more often than at plain ads (about 1 in 8); they miss "
        "some planted ads, and they link a few lawful ones, as analysts go wrong: a look-alike, "
        "an ad with a look-alike's words, or an ad carrying a number of an ad they linked.",
        "The operations' ads are about 3-4 % of the board (a few per cent: EMSCAD's rate of "
        "employment fraud is 4.8 %, and the share of trafficking ads on a real board is far "
        "lower and unmeasured). Many lawful employers repost the same ad every few days or "
        "weeks, so most groups of near-identical ads are lawful.",
    ],
    "cases": [
        "A nationality group with at most three records (a rare small group).",
        "A quasi-identifier class whose members all share one sensitive value (homogeneity).",
        "Consents to share with law enforcement that have expired, and log entries after "
        "expiry; intelligence records not revalidated for more than five years.",
        "An intake risk score whose false-positive rate is higher for one nationality group.",
        "An access log with a burst of browsing without a case purpose. Every other access "
        "comes after the record was opened, and a detective or analyst opens a service record "
        "only while a consent that covers law enforcement, signed by an adult, is in force; "
        "every exception is "
        "listed in the ground truth.",
        "ZIP3 areas with 20,000 people or fewer (to be generalized under HIPAA Safe Harbor).",
        "The people exploited in the shared case have one service record each under its case "
        "number: six gave no consent, two (adults) consented to case coordination with law "
        "enforcement, and the others to a referral only or to name and contact only.",
    ],
}

LIMITATIONS = {
    "bank": [
        "No balances: amounts are simulated flows, not a ledger; an account can go negative.",
        "Card-not-present, ACH, wire and P2P rows carry the home branch's local time and no "
        "city.",
        "The world is small (hundreds of customers); peer groups are thin, so compare with "
        "medians and ratios, not fine-grained statistics.",
        "Behavior is rule-based; real customers are messier. Prevalence of the planted "
        "activity is far higher than in a real bank.",
        "MCC codes are those of ISO 18245 as commonly published; merchant names are invented.",
        "NAICS codes are those of NAICS 2022.",
        "A real production arrives in pieces (statements, a transaction export, card "
        "records, wire records, signature cards, device logs) with the bank's own codes; "
        "here they are already joined and cleaned. Times to the second are what card "
        "authorization records and teller journals hold; statements show dates only.",
        "Currency Transaction Reports are not in these files. The bank files each one with "
        "FinCEN (an investigator queries them in FinCEN's BSA database) and keeps a copy for "
        "five years (31 CFR 1010.306(a)(2)). Those copies, and the bank's records of "
        "customers it has exempted from CTRs (31 CFR 1020.315), can be named in a subpoena "
        "like any other bank record: CTRs carry no confidentiality rule like a SAR's.",
        "The calendar is simplified: one branch-hours rule for every branch, one ACH batch a "
        "day (no same-day ACH), no cut-off times, no night-depository bags counted the next "
        "morning; a real bank's calendar is in its deposit agreement and its records "
        "custodian can explain its posting times.",
    ],
    "chain": [
        "A toy chain: text block headers, an 8-bit proof of work, a block every two hours, a "
        "premine at genesis; scripts are labels only and there are no signatures. The chain "
        "starts 101 blocks before 1 January 2025, so that the premine has matured (a coinbase "
        "output may be spent 100 blocks after its own block, as in Bitcoin).",
        "first_seen times are exact; real explorers see broadcast times imprecisely.",
        "The legal-process return is released with the rest of the folder, so a trainee "
        "could read it before writing the request; assignment 02 reads it only after the "
        "written request, and an instructor can hold the two files back and hand them out "
        "after reading the requests.",
        "The return's routing numbers start with 5 and fail the ABA check digit, ID numbers "
        "use a `<state>-DL-SYN` format and IP addresses come from the documentation ranges "
        "(RFC 5737): none can belong to anyone.",
        "The background is sparse compared with a real chain, which makes clustering easier.",
    ],
    "recruitment": [
        "English only; text comes from a small grammar, so it is more regular than real ads.",
        "No images, no deleted or edited ads, no platform moderation.",
        "Messages are shown as provided with consent by the seekers; the sample is small.",
    ],
    "cases": [
        "ZIP codes belong to a fictional 'State of Exemplar' (ZIP3 001-004); any overlap with "
        "real codes is coincidental. Populations are invented.",
        "The public roll is far smaller than a real one, so most quasi-identifier "
        "combinations are unique.",
        "Evidence files named in evidence_path do not exist; their hashes are synthetic.",
        "Nationalities other than 'United States' are fictional countries.",
    ],
}

CONVENTIONS = {
    "bank": [
        "Amounts are positive with two decimals in USD; `direction` says credit or debit.",
        "`ts_local` is wall-clock time where the transaction happened; `utc_offset` gives "
        "the zone (Central or Mountain, with daylight saving time from 9 March 2025). Late "
        "night means local hours 22:00-05:00.",
        "Card times are on the merchant's local clock because this dataset converted them. "
        "A real production of card records usually gives times in the card processor's or "
        "the bank's system time zone (often Eastern time or UTC), not the merchant's: before "
        "any late-night analysis, confirm with the records custodian which zone each time "
        "column is in.",
        "Read `mcc` and `naics_code` as integers; empty cells are missing values.",
        "The bank's calendar: branches are open Monday to Friday, 09:00-17:00 local time, "
        "and closed at weekends and on Federal Reserve holidays (in this window 1 January, "
        "20 January, 17 February, 26 May and 19 June); this bank has no Saturday hours. "
        "Teller (`cash`) rows and the visits in branch_interactions.csv fall only in branch "
        "hours; ATMs, cards and P2P work every day at any hour. Cash paid into an ATM at a "
        "weekend or on a holiday counts toward the next business day, the day whose cash a "
        "Currency Transaction Report adds up.",
        "ACH rows post only on business days, in the early-morning batch (01:00-07:00 on the "
        "home branch's clock): an entry sent at a weekend, on a holiday or after the batch "
        "posts the next business day, and a payday that falls on a weekend or a holiday is "
        "paid the business day before. Use card rows, not ACH, for questions about when "
        "people spend. Wires go out and come in on business days, 08:00-17:00.",
        "A business's card takings reach its account as an ACH credit from its card "
        "processor (counterparty `CARD SETTLEMENT ...`, memo `BATCH`; `SETTLEMENT` for a "
        "self-employed person's weekly one), on the business day after the sales, in the ACH "
        "batch: its time says nothing about when the business was open. When a business "
        "takes cash in shows in its `cash` and `atm` credits: a teller deposit in branch "
        "hours, or the night's cash put into a deposit-taking ATM after closing.",
        "A P2P transfer is at most $2,500 (this bank's limit); a larger transfer between two "
        "customers goes by ACH.",
        "A cash deposit that someone not on the account makes at a teller appears once in "
        "transactions.csv (on the account credited) and, for $3,000 or more, once in "
        "branch_interactions.csv as a `cash_deposit` note at the same time and branch; "
        "`third_party_customer_id` names the depositor when the depositor is a customer. "
        "Recording the ID of the person conducting a cash deposit of $3,000 or more is this "
        "bank's own policy, not a rule of law: $3,000 is the federal recordkeeping threshold "
        "for cash sales of monetary instruments (31 CFR 1010.415) and for funds transfers "
        "(31 CFR 1010.410), and the bank applies the same figure to cash deposits.",
        "Individual customers joined as adults (18 or older), except teenagers in a family: "
        "their student checking account, opened at 15 or older, has a parent as joint "
        "owner. Rows of an account start on the day it was opened.",
        "Payroll is visible: an employer's ACH debits with memo `PAYROLL` (one row per "
        "employee who banks here, with `counterparty_account_id`) or `PAYROLL <n> EMPLOYEES` "
        "(a batch to other banks), and `FEDERAL PAYROLL TAX DEPOSIT` debits.",
        "A transfer between two accounts of this bank appears twice: a debit on one account "
        "and a credit on the other, each naming the other in `counterparty_account_id`.",
        "Card-present rows carry the merchant's city; `cash` and `atm` rows the branch's or "
        "ATM's city (so a deposit's city is where the cash came in).",
        "Phones are `NPA-555-01XX` (the range reserved for fiction); e-mail domains are "
        "example.com/.net/.org or .test.",
    ],
    "chain": [
        "Values are integers in sat (1 coin = 100,000,000 sat). Fee = inputs - outputs. The "
        "Practice Coin is fictional and has no ticker symbol, so that it cannot be mistaken for "
        "a real token.",
        "Header string: `version|prev_hash|merkle_root|timestamp|difficulty_bits|nonce` with "
        "version 1 and timestamp as in blocks.csv; block_hash = SHA-256(SHA-256(header)) "
        "in hex; it must be below 2^(256 - difficulty_bits).",
        "Merkle root: leaves are the txids in block order (hex strings); a parent is "
        "SHA-256(SHA-256(left + right)) of the concatenated hex text; an odd last element "
        "is paired with itself; one transaction's root is its txid.",
        "Addresses are `SYN-<12 chars>-<2-char checksum>` (Crockford base 32); the checksum "
        "is the first 10 bits of SHA-256 of the 12-character body. Txids are SHA-256 under "
        "the tag `SYN-TX|`. Neither is valid on any real network.",
    ],
    "recruitment": [
        "Times are UTC. Platforms (JobBoardA, ClassifiedsB, SocialC) and the messaging app "
        "ChatAppX are fictional; URLs use .test domains.",
        "Phones are `NPA-555-01XX` however they are written; handles start with `demo_`.",
    ],
    "cases": [
        "Read zip5 and zip3 as text (`dtype=str`): leading zeros matter.",
        "Dates are `YYYY-MM-DD`; the extract is as of 2025-06-30.",
        "access_log row_hash = SHA-256 of `prev_hash|ts|user|record_id|purpose` (UTF-8, hex).",
    ],
}

CROSS_LINKS = [
    "Some phone numbers and e-mail addresses in recruitment ads are also bank customers' "
    "phones and e-mails.",
    "The exchange's legal-process return (chain) names a bank customer and a bank account.",
    "Hotel and travel spending in the bank follows the cities and dates where a recruitment "
    "operation posts ads.",
    "ClassifiedsB listings in chain/ad_listings.csv are the same ads (same ad_id) as in "
    "recruitment/ads.csv; some were paid on chain, some by card (bank).",
    "Victim-services records (cases) carry the case number of the bank's confirmed case.",
]


def _table_md(dataset: str, counts: dict[str, int]) -> list[str]:
    lines = []
    for t in SCHEMAS[dataset]:
        lines += [f"### `{t.file}` ({counts.get(t.file, 0):,} rows)", "", t.description,
                  f"Rows are {t.sort_note}.", "",
                  "| column | type | unit | description | where an investigator gets it |",
                  "|---|---|---|---|---|"]
        for c in t.columns:
            kind = c.type + (", may be empty" if c.nullable else "")
            if c.type == "decimal":
                kind = f"decimal ({c.places} places)" + (", may be empty" if c.nullable else "")
            lines.append(f"| `{c.name}` | {kind} | {c.unit} | {c.description} | {c.source} |")
        lines.append("")
    return lines


def render(dataset: str, seed: int, scale: float, counts: dict[str, int]) -> str:
    title = {"bank": "Bank records", "chain": "Practice Coin ledger",
             "recruitment": "Online recruitment", "cases": "Case records"}[dataset]
    scale_text = f"{scale:g}"
    lines = [f"# Datasheet: {title} (`datasets/{dataset}/`)", "", BANNER, "",
             "## Purpose", "", PURPOSE[dataset], "",
             "## How it was made", "",
             f"Generated by `investigator_course.world` (command `investigator-course datasets "
             f"--seed {seed} --scale {scale_text}`). The same seed and scale give "
             "byte-identical files; `MANIFEST.sha256` holds their SHA-256 sums. An instructor "
             "can draw a fresh world for each cohort with another seed.", "",
             "## Conventions", ""]
    lines += [f"- {x}" for x in CONVENTIONS[dataset]]
    lines += ["", "## Files and schema", "",
              "Types: " + "; ".join(f"**{k}** {v}" for k, v in TYPES.items()) + ".", "",
              "The last column of each table says where an investigator would get that "
              "column in a real case: which legal process, which part of a production, or "
              "which open or internal source. One file here often joins several of them.", ""]
    lines += _table_md(dataset, counts)
    lines += ["## What is planted (in general terms)", ""]
    lines += [f"- {x}" for x in PLANTED[dataset]]
    lines += ["", "Which entities, rows and addresses are planted is ground truth kept for "
              "instructors; it is not part of this folder.", "",
              "## Links to the other datasets (capstone)", ""]
    lines += [f"- {x}" for x in CROSS_LINKS]
    lines += ["", "## Known limitations", ""]
    lines += [f"- {x}" for x in LIMITATIONS[dataset]]
    lines += ["", "## Handling", "",
              "Synthetic data, safe to share for teaching. Treat it as if it were real: the "
              "people being exploited are never 'subjects', and a flag is a reason to look "
              "closer, not a finding.", ""]
    return "\n".join(lines)

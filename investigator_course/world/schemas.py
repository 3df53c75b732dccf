"""The schema of every generated file, written down once.

The writer takes column order from here, the datasheets render their schema tables
from here, the builders make their rows with `Table.row` (by column name), and the
tests check every file against it. `SCHEMAS` holds the datasets trainees get;
`TRUTH_SCHEMAS` the instructor-only ground truth written beside them.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # see TYPES
    description: str
    unit: str = ""
    nullable: bool = False
    places: int = 2  # decimals for "money" and "decimal"


@dataclass(frozen=True)
class Table:
    file: str
    description: str
    sort_note: str
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def sort_by(self) -> list[str]:
        """Columns named in sort_note, in order: the writer sorts rows by them."""
        names = set(self.header)
        return [w.strip(",") for w in self.sort_note.split() if w.strip(",") in names]

    def index(self, name: str) -> int:
        return self.header.index(name)

    @cached_property
    def row(self) -> Callable[..., tuple]:
        """The table's row factory: `table.row(column=value, ...)` gives the row as a tuple
        in the table's column order. An unknown column name or a missing non-nullable one
        is a TypeError; a nullable column left out is None. Code that reads rows back
        takes positions from `index(name)`, once, not typed in."""
        return _row_factory(self)


def _row_factory(table: Table) -> Callable[..., tuple]:
    """Compile `def <file>_row(*, a, b=None, ...): return (a, b, ...)` once per table.

    Keyword-only parameters make Python itself reject unknown and missing columns, for
    the price of one plain call per row: the bank's transaction hot path builds
    hundreds of thousands of rows, and checking a dict of values against the header on
    every row would cost several times more. (`collections.namedtuple` builds its
    classes the same way.) Rows stay plain tuples, not named tuples: the garbage
    collector stops tracking a plain tuple of strings and numbers, but keeps scanning
    every tuple subclass, which made a run at --scale 10 measurably slower.
    """
    stem = table.file.removesuffix(".csv")
    for name in (stem, *table.header):
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            raise ValueError(f"{table.file}: {name!r} cannot name a column here")
    params = ", ".join(c.name + ("=None" if c.nullable else "") for c in table.columns)
    source = f"def {stem}_row(*, {params}):\n    return ({', '.join(table.header)},)\n"
    namespace: dict = {}
    exec(source, namespace)  # names checked above: identifiers only
    factory = namespace[f"{stem}_row"]
    factory.__doc__ = f"One row of {table.file}, by column name."
    return factory


TYPES = {
    "id": "text identifier (random; says nothing about the record's role)",
    "string": "text",
    "text": "free text (may contain commas; quoted in the CSV)",
    "integer": "whole number",
    "money": "decimal number with exactly 2 decimals",
    "decimal": "decimal number with a fixed number of decimals",
    "boolean": "`true` or `false`",
    "date": "date `YYYY-MM-DD`",
    "datetime_local": "local wall-clock time `YYYY-MM-DD HH:MM:SS` (no zone; see utc_offset)",
    "datetime_utc": "UTC time `YYYY-MM-DDTHH:MM:SSZ`",
    "offset": "UTC offset `-05:00`",
}


def C(name, type_, description, unit="", nullable=False, places=2):  # noqa: N802 - table DSL
    return Column(name, type_, description, unit, nullable, places)


BANK = (
    Table("customers.csv", "Know-your-customer records: individuals and businesses.",
          "sorted by customer_id", (
              C("customer_id", "id", "Customer id (`CUS-...`)."),
              C("kind", "string", "`individual` or `business`."),
              C("name", "string", "Invented name of the person or business."),
              C("birth_year", "integer", "Year of birth (individuals only).", nullable=True),
              C("occupation", "string", "Declared occupation (individuals only).",
                nullable=True),
              C("industry", "string", "Declared industry (businesses only).", nullable=True),
              C("naics_code", "integer", "NAICS 2022 industry code (businesses only).",
                nullable=True),
              C("declared_monthly_income", "money", "Income declared at onboarding "
                "(individuals).", "USD per month", nullable=True),
              C("declared_annual_revenue", "money", "Revenue declared at onboarding "
                "(businesses).", "USD per year", nullable=True),
              C("declared_employees", "integer", "Employees declared (businesses).",
                "people", nullable=True),
              C("opening_hours", "string", "Declared opening hours, local time, e.g. "
                "`10:00-20:00` (businesses).", nullable=True),
              C("address_id", "id", "Address on file (see addresses.csv)."),
              C("phone", "string", "Phone on file, `NPA-555-01XX` (fictional range)."),
              C("email", "string", "E-mail on file (example.* or .test domains only)."),
              C("onboard_date", "date", "Date the customer relationship began."),
              C("risk_rating", "string", "The bank's KYC risk rating: `low`, `medium`, "
                "`high`."),
          )),
    Table("addresses.csv", "Addresses on file.", "sorted by address_id", (
        C("address_id", "id", "Address id (`ADR-...`)."),
        C("line1", "string", "Street line with invented street names."),
        C("city", "string", "City."),
        C("state", "string", "Two-letter state."),
        C("kind", "string", "`residential`, `apartment`, `commercial` or `motel`."),
    )),
    Table("accounts.csv", "Deposit accounts.", "sorted by account_id", (
        C("account_id", "id", "Account id (`ACC-...`)."),
        C("product", "string", "`checking`, `savings` or `business_checking`."),
        C("open_date", "date", "Date the account was opened."),
        C("status", "string", "`open` or `closed` at the end of the extract."),
        C("home_branch_id", "id", "Branch where the account was opened (locations.csv)."),
    )),
    Table("account_parties.csv", "Who is on each account, and the device that enrolled "
          "them in online banking.", "sorted by account_id, customer_id", (
              C("account_id", "id", "Account id."),
              C("customer_id", "id", "Customer id."),
              C("role", "string", "`owner`, `joint_owner`, `authorized_signer` or "
                "`beneficial_owner`."),
              C("device_id", "string", "Device fingerprint used to enrol in online banking "
                "(`DEV-...`); empty if never enrolled.", nullable=True),
          )),
    Table("locations.csv", "Branches and ATMs of the fictional Exemplar Community Bank.",
          "sorted by location_id", (
              C("location_id", "id", "Location id (`LOC-...`)."),
              C("kind", "string", "`branch` or `atm`."),
              C("name", "string", "Location name."),
              C("city", "string", "City."),
              C("state", "string", "Two-letter state."),
          )),
    Table("merchants.csv", "Card merchants seen in the extract.", "sorted by merchant_id", (
        C("merchant_id", "id", "Merchant id (`MER-...`)."),
        C("name", "string", "Invented merchant name."),
        C("mcc", "integer", "ISO 18245 merchant category code, e.g. 7011 hotels and motels, "
          "4121 taxicabs and rideshare."),
        C("category", "string", "Plain-language category of the MCC."),
        C("city", "string", "City of a physical merchant; empty for online merchants.",
          nullable=True),
        C("state", "string", "State of a physical merchant.", nullable=True),
        C("country", "string", "ISO 3166 alpha-2 country; `XB` is a user-assigned code "
          "standing for a fictional overseas jurisdiction."),
        C("online", "boolean", "Card-not-present (web) merchant."),
    )),
    Table("transactions.csv", "Every account transaction, 2025-01-01 to 2025-06-30.",
          "sorted by ts_local, then txn_id", (
              C("txn_id", "id", "Transaction id (`TXN-...`)."),
              C("account_id", "id", "Account the row belongs to."),
              C("ts_local", "datetime_local", "Local wall-clock time where the transaction "
                "happened (branch, ATM or merchant); for remote channels, the account's home "
                "branch time. Use this for hour-of-day questions."),
              C("utc_offset", "offset", "UTC offset of ts_local (`-06:00` CST, `-05:00` CDT, "
                "`-07:00`/`-06:00` Denver); UTC = ts_local minus the offset."),
              C("direction", "string", "`credit` (money in) or `debit` (money out)."),
              C("amount", "money", "Amount, always positive; direction gives the sign.", "USD"),
              C("channel", "string", "`cash` (teller), `atm`, `card` (card present), "
                "`card_online` (card not present), `ach`, `wire`, `p2p`, `prepaid` "
                "(prepaid-access card purchase or load) or `crypto` (virtual-currency "
                "purchase)."),
              C("mcc", "integer", "Merchant category code for card, prepaid and crypto rows.",
                nullable=True),
              C("merchant_id", "id", "Merchant (merchants.csv) for card, prepaid and crypto "
                "rows.", nullable=True),
              C("location_id", "id", "Branch or ATM for cash and atm rows.", nullable=True),
              C("city", "string", "City where it physically happened; empty for remote "
                "channels (ach, wire, p2p, card_online).", nullable=True),
              C("state", "string", "State of city.", nullable=True),
              C("counterparty_account_id", "id", "The other account when both sides bank "
                "here (transfers, in-bank payroll, P2P).", nullable=True),
              C("counterparty_name", "string", "Merchant descriptor or external "
                "originator/beneficiary as the bank received it; `PAYPROC*...` means a "
                "third-party processor masked the other party.", nullable=True),
              C("counterparty_country", "string", "Country of an external counterparty "
                "(ISO alpha-2; `XB` = fictional overseas jurisdiction).", nullable=True),
              C("memo", "string", "Memo or reference text.", nullable=True),
          )),
    Table("branch_interactions.csv", "Teller and branch-staff notes on in-person visits.",
          "sorted by ts_local, then interaction_id", (
              C("interaction_id", "id", "Interaction id (`INT-...`)."),
              C("ts_local", "datetime_local", "Local time of the visit."),
              C("utc_offset", "offset", "UTC offset of ts_local."),
              C("location_id", "id", "Branch."),
              C("customer_id", "id", "Customer served."),
              C("account_id", "id", "Account concerned, if any.", nullable=True),
              C("interaction_type", "string", "`account_opening`, `cash_deposit`, "
                "`withdrawal`, `address_change`, `card_replacement` or `inquiry`."),
              C("third_party_present", "boolean", "Someone other than the customer took part."),
              C("third_party_customer_id", "id", "The third party, if staff recognised a "
                "customer of the bank.", nullable=True),
              C("note_text", "text", "Factual note written by staff."),
          )),
    Table("confirmed_cases.csv", "Outcomes of closed investigations and alert reviews: "
          "partial labels (customers not listed were never reviewed).",
          "sorted by case_ref, customer_id", (
              C("case_ref", "string", "Reference of the closed case or alert review."),
              C("customer_id", "id", "Customer reviewed."),
              C("disposition", "string", "`confirmed` (involved in the confirmed activity) or "
                "`cleared` (reviewed; legitimate explanation)."),
              C("typology", "string", "Confirmed typology, e.g. `funnel_account`, "
                "`front_business`, `structuring`, `controlled_account`, "
                "`exploitative_employment`, `controller`; `none` when cleared."),
              C("party_role", "string", "`subject` (person or business under investigation), "
                "`person_exploited` (a victim: never a subject), or `not_involved`."),
              C("closed_date", "date", "Date the case or review was closed."),
          )),
)

CHAIN = (
    Table("blocks.csv", "Block headers of the toy SYNCOIN chain (one block every 2 hours).",
          "sorted by height", (
              C("height", "integer", "Block height; 0 is the genesis block."),
              C("block_hash", "string", "SHA-256d of the header string (see datasheet)."),
              C("prev_hash", "string", "Hash of the previous block (64 zeros for genesis)."),
              C("merkle_root", "string", "Merkle root of the block's txids."),
              C("timestamp", "datetime_utc", "Block time."),
              C("difficulty_bits", "integer", "Toy proof of work: the hash must start with "
                "this many zero bits."),
              C("nonce", "integer", "Nonce that satisfies the proof of work."),
              C("n_tx", "integer", "Transactions in the block."),
          )),
    Table("transactions.csv", "Transactions, in block order.", "sorted by block_height, "
          "position", (
              C("txid", "string", "Transaction id (64 hex; SHA-256 under a `SYN-TX|` tag)."),
              C("block_height", "integer", "Block containing the transaction."),
              C("position", "integer", "Position in the block (0 = coinbase)."),
              C("first_seen", "datetime_utc", "When the transaction was first broadcast, as a "
                "block explorer shows it."),
              C("is_coinbase", "boolean", "Newly minted coins (no inputs)."),
          )),
    Table("inputs.csv", "Transaction inputs. No address or value: join prev_txid/prev_vout "
          "to outputs.csv to find them.", "sorted by txid, vin", (
              C("txid", "string", "Spending transaction."),
              C("vin", "integer", "Input index."),
              C("prev_txid", "string", "Transaction that created the spent output."),
              C("prev_vout", "integer", "Index of the spent output."),
          )),
    Table("outputs.csv", "Transaction outputs (UTXOs while unspent).", "sorted by txid, vout", (
        C("txid", "string", "Creating transaction."),
        C("vout", "integer", "Output index."),
        C("address", "string", "Receiving address (`SYN-...`, invalid on real networks)."),
        C("value_sat", "integer", "Value in satoshi-like units.", "sat (1 SYN = 100,000,000)"),
        C("script_type", "string", "`p2pkh` or `p2wpkh` (toy labels)."),
        C("spent_by_txid", "string", "Transaction that spent it; empty if unspent.",
          nullable=True),
        C("spent_by_vin", "integer", "Input index in spent_by_txid.", nullable=True),
    )),
    Table("address_tags.csv", "Attribution tags in the GraphSense TagPack style, with source "
          "and confidence. Tags can be wrong; low confidence means heuristic.",
          "sorted by address, label", (
              C("address", "string", "Tagged address."),
              C("label", "string", "Entity label."),
              C("category", "string", "`exchange`, `ad_site`, `merchant`, `miner`, "
                "`crypto_kiosk`."),
              C("source", "string", "How the tag was obtained: `ownership`, "
                "`manual_transaction`, `authority_data`, `forensic`, `web_crawl`, "
                "`heuristic`."),
              C("confidence", "integer", "GraphSense confidence scale: ownership 100, "
                "manual_transaction 90, authority_data 60, forensic 50, web_crawl 20, "
                "heuristic 10."),
              C("is_cluster_definer", "boolean", "Whether the tag may label the whole "
                "address cluster."),
          )),
    Table("ad_listings.csv", "Paid listings on ClassifiedsB, an overseas classified-ad "
          "site that takes SYNCOIN (its public listing pages). ad_id matches recruitment/"
          "ads.csv.", "sorted by posted_at, ad_id", (
              C("ad_id", "id", "Ad id (`AD-...`), same as in the recruitment dataset."),
              C("posted_at", "datetime_utc", "When the ad went live."),
              C("city", "string", "City the ad targets."),
              C("state", "string", "State."),
              C("price_sat", "integer", "Listing price quoted in SYNCOIN.", "sat"),
          )),
    Table("legal_return_kyc.csv", "Legal-process return from the fictional Exemplar Coin "
          "Exchange: subscriber (KYC) records for the requested deposit addresses.",
          "sorted by customer_ref", (
              C("request_ref", "string", "Reference of the legal-process request."),
              C("exchange", "string", "Responding exchange."),
              C("customer_ref", "string", "Exchange's account reference."),
              C("full_name", "string", "Name on the account."),
              C("date_of_birth", "date", "Date of birth."),
              C("phone", "string", "Phone on file."),
              C("email", "string", "E-mail on file."),
              C("city", "string", "City of residence on file."),
              C("state", "string", "State."),
              C("id_document", "string", "ID type presented (number withheld)."),
              C("account_opened", "date", "Exchange account opening date."),
              C("linked_bank", "string", "Bank of the linked fiat account."),
              C("linked_bank_account", "string", "Linked bank account id as the exchange "
                "holds it."),
              C("deposit_addresses", "string", "Deposit addresses assigned to the account, "
                "separated by `;`."),
          )),
    Table("legal_return_activity.csv", "Legal-process return: account activity of the "
          "accounts in legal_return_kyc.csv.", "sorted by ts, activity_id", (
              C("activity_id", "string", "Row reference in the return."),
              C("customer_ref", "string", "Exchange account."),
              C("ts", "datetime_utc", "When the exchange booked it."),
              C("activity", "string", "`crypto_deposit`, `trade_sell` or `fiat_withdrawal`."),
              C("txid", "string", "On-chain transaction for deposits.", nullable=True),
              C("address", "string", "Deposit address credited.", nullable=True),
              C("value_sat", "integer", "Crypto amount.", "sat", nullable=True),
              C("usd_amount", "money", "Fiat amount.", "USD", nullable=True),
              C("destination", "string", "Destination of a fiat withdrawal.", nullable=True),
          )),
)

RECRUITMENT = (
    Table("ads.csv", "Job ads collected from three fictional platforms (JobBoardA, "
          "ClassifiedsB, SocialC), as scraped: raw text, messy contacts.",
          "sorted by posted_at, ad_id", (
              C("ad_id", "id", "Ad id (`AD-...`)."),
              C("platform", "string", "`JobBoardA`, `ClassifiedsB` or `SocialC`."),
              C("posted_at", "datetime_utc", "When the ad was posted."),
              C("city", "string", "City the ad targets."),
              C("state", "string", "State."),
              C("title", "string", "Ad title as posted."),
              C("body", "text", "Ad text as posted (typos, emoji and obfuscation included)."),
              C("pay_text", "string", "Pay as written (hourly, weekly, monthly, ranges, "
                "words).", nullable=True),
              C("employer_name", "string", "Employer name as written in the ad.",
                nullable=True),
              C("employer_reg_id", "string", "Business registration number if the ad gives "
                "one.", nullable=True),
              C("contact_raw", "text", "Contact line as written: phones, e-mails, handles, "
                "sometimes spelled out or obfuscated."),
              C("url", "string", "Ad URL (fictional `.test` domains)."),
          )),
    Table("companies.csv", "Mock business registry of the region (for verification).",
          "sorted by reg_id", (
              C("reg_id", "string", "Registration number."),
              C("name", "string", "Registered name."),
              C("city", "string", "City."),
              C("state", "string", "State."),
              C("registered_on", "date", "Registration date."),
              C("status", "string", "`active` or `dissolved`."),
          )),
    Table("seeker_posts.csv", "Posts by job seekers looking for work (targets of passive "
          "recruitment).", "sorted by posted_at, post_id", (
              C("post_id", "id", "Post id (`PST-...`)."),
              C("platform", "string", "Platform."),
              C("posted_at", "datetime_utc", "When posted."),
              C("city", "string", "City."),
              C("state", "string", "State."),
              C("handle", "string", "Poster's handle (`demo_...`)."),
              C("text", "text", "Post text."),
          )),
    Table("messages.csv", "Message threads that began as replies to seeker posts, "
          "provided with the seekers' consent.", "sorted by thread_id, sent_at, msg_id", (
              C("msg_id", "id", "Message id (`MSG-...`)."),
              C("thread_id", "id", "Thread id (`THR-...`)."),
              C("in_reply_to_post", "id", "Seeker post the thread answers."),
              C("sent_at", "datetime_utc", "When sent."),
              C("platform", "string", "Where the message was sent (a platform or the "
                "messaging app ChatAppX)."),
              C("sender_handle", "string", "Sender."),
              C("recipient_handle", "string", "Recipient."),
              C("text", "text", "Message text."),
          )),
    Table("ad_reviews.csv", "A partial review of ads by an analyst team: most ads were "
          "never reviewed.", "sorted by ad_id", (
              C("ad_id", "id", "Reviewed ad."),
              C("reviewed_on", "date", "Review date."),
              C("finding", "string", "`linked_to_investigation`, `no_concern` or "
                "`inconclusive`."),
          )),
)

CASES = (
    Table("records.csv", "Victim-services, investigative and intelligence records of a "
          "regional task force and its service partner, as held (identifiable).",
          "sorted by record_id", (
              C("record_id", "id", "Record id (`REC-...`)."),
              C("case_number", "string", "Case number the record belongs to.",
                nullable=True),
              C("record_type", "string", "`service`, `investigative` or `intelligence`."),
              C("full_name", "string", "Name (direct identifier)."),
              C("phone", "string", "Phone (direct identifier).", nullable=True),
              C("email", "string", "E-mail (direct identifier).", nullable=True),
              C("dob", "date", "Date of birth (quasi-identifier)."),
              C("sex", "string", "`F` or `M` as recorded (quasi-identifier)."),
              C("zip5", "string", "ZIP code of residence in the fictional State of Exemplar "
                "(quasi-identifier; keep leading zeros: read as text)."),
              C("nationality", "string", "Nationality (fictional country names)."),
              C("primary_language", "string", "Primary language."),
              C("immigration_category", "string", "Immigration category; protected under "
                "8 U.S.C. 1367 for some people.", nullable=True),
              C("exploitation_type", "string", "`sexual`, `labour`, `both` or `unknown`."),
              C("industry", "string", "Industry where exploitation occurred.",
                nullable=True),
              C("recruiter_relation", "string", "Relation of the recruiter to the person.",
                nullable=True),
              C("control_debt", "boolean", "Debt bondage reported."),
              C("control_docs_withheld", "boolean", "Identity documents withheld."),
              C("control_threats", "boolean", "Threats reported."),
              C("control_physical", "boolean", "Physical violence reported."),
              C("referral_source", "string", "Who referred the person."),
              C("svc_shelter", "boolean", "Shelter provided."),
              C("svc_legal", "boolean", "Legal services provided."),
              C("svc_medical", "boolean", "Medical services provided."),
              C("svc_interpreter", "boolean", "Interpreter provided."),
              C("consent_le_share", "boolean", "Written consent to share with law "
                "enforcement."),
              C("consent_scope", "string", "What the consent covers.", nullable=True),
              C("consent_date", "date", "Consent signed.", nullable=True),
              C("consent_expiry", "date", "Consent expires.", nullable=True),
              C("cp_requested", "boolean", "Continued Presence requested by law "
                "enforcement."),
              C("t_visa_status", "string", "`none`, `pending`, `approved` or `denied`."),
              C("opened", "date", "Record opened."),
              C("closed", "date", "Record closed.", nullable=True),
              C("last_validated", "date", "Last review/revalidation of the record."),
              C("risk_score", "decimal", "Intake screening score from a vendor tool "
                "(0-1).", places=3),
              C("confirmed_trafficking", "boolean", "Trafficking confirmed after full "
                "assessment (the outcome the score tries to predict)."),
              C("evidence_path", "string", "Path of the attached evidence file.",
                nullable=True),
              C("evidence_sha256", "string", "SHA-256 recorded at acquisition.",
                nullable=True),
          )),
    Table("public_roll.csv", "A synthetic public roll (name, birth date, sex, ZIP) for "
          "the linkage-attack exercise.", "sorted by roll_id", (
              C("roll_id", "id", "Row id (`ROL-...`)."),
              C("full_name", "string", "Name."),
              C("dob", "date", "Date of birth."),
              C("sex", "string", "`F` or `M`."),
              C("zip5", "string", "ZIP code (read as text)."),
          )),
    Table("access_log.csv", "Hash-chained access log of records.csv.", "sorted by entry_no", (
        C("entry_no", "integer", "Position in the log."),
        C("ts", "datetime_utc", "Access time."),
        C("user", "string", "Staff account."),
        C("record_id", "id", "Record accessed."),
        C("purpose", "string", "Purpose entered by the user."),
        C("prev_hash", "string", "row_hash of the previous entry (64 zeros for the first)."),
        C("row_hash", "string", "SHA-256 of `prev_hash|ts|user|record_id|purpose` (UTF-8)."),
    )),
    Table("zip3_population.csv", "Population of each 3-digit ZIP area of the fictional "
          "State of Exemplar.", "sorted by zip3", (
              C("zip3", "string", "First three digits of zip5 (read as text)."),
              C("population", "integer", "Residents.", "people"),
          )),
)

SCHEMAS: dict[str, tuple[Table, ...]] = {
    "bank": BANK, "chain": CHAIN, "recruitment": RECRUITMENT, "cases": CASES,
}
DATASETS = tuple(SCHEMAS)

# Ground truth (instructors only): written to course/ground_truth/, never to datasets/.
# The builders sort these rows themselves (by the first column, which is unique).
BANK_TRUTH = (
    Table("bank_entities.csv", "The planted case's customers.", "sorted by customer_id", (
        C("customer_id", "id", "Customer id."),
        C("key", "string", "The cast member in the shared world (`ctrl_a`, `spa`, "
          "`exploited_1`, `worker_1`, ...)."),
        C("role", "string", "`controller`, `front_business`, `exploitative_employer` or "
          "`person_exploited`."),
        C("typologies", "string", "Typologies, separated by `;`."),
        C("indicator_codes", "string", "Indicator codes, separated by `;`."),
        C("account_ids", "string", "The customer's accounts, separated by `;`."),
    )),
    Table("bank_hard_negatives.csv", "Legitimate customers who trip one red flag.",
          "sorted by customer_id", (
              C("customer_id", "id", "Customer id."),
              C("archetype", "string", "Which look-alike, e.g. `trucker`, `remitter`."),
          )),
    Table("bank_transactions.csv", "Planted transactions.", "sorted by txn_id", (
        C("txn_id", "id", "Transaction id."),
        C("pattern", "string", "What the row is part of, e.g. `structuring_cash_deposit`."),
        C("indicator_codes", "string", "Indicator codes, separated by `;`."),
    )),
    Table("bank_interactions.csv", "Teller notes that show an indicator.",
          "sorted by interaction_id", (
              C("interaction_id", "id", "Interaction id."),
              C("indicator_codes", "string", "Indicator codes, separated by `;`."),
          )),
)
CHAIN_TRUTH = (
    Table("chain_addresses.csv", "Who owns every address.", "sorted by address", (
        C("address", "string", "Address."),
        C("entity", "string", "Owner, e.g. `network`, `user_14`, the exchange."),
        C("wallet_role", "string", "The wallet's role, e.g. `exchange_hot`, `ad_wallet`."),
        C("address_role", "string", "Why the address was made, e.g. `change`, "
          "`ad_deposit:AD-...`."),
    )),
    Table("chain_transactions.csv", "What each labelled transaction is.", "sorted by txid", (
        C("txid", "string", "Transaction id."),
        C("pattern", "string", "e.g. `peel_hop_3`, `coinjoin`, `exchange_sweep`."),
    )),
    Table("chain_ad_payments.csv", "The on-chain payment of each paid listing.",
          "sorted by ad_id", (
              C("ad_id", "id", "Ad id."),
              C("txid", "string", "Paying transaction."),
              C("vout", "integer", "Output that paid the ad site."),
              C("buyer", "string", "`network` (the planted case) or another buyer."),
          )),
)
RECRUITMENT_TRUTH = (
    Table("recruitment_operations.csv", "The planted operations.", "sorted by op_id", (
        C("op_id", "string", "Operation (`OP-A` ...)."),
        C("scenario", "text", "What the operation does."),
        C("phones", "string", "Phones in the order used, separated by `;`."),
        C("email", "string", "E-mail, if the operation uses one.", nullable=True),
        C("handle", "string", "Messaging handle."),
        C("cities", "string", "Cities, separated by `;`."),
        C("n_ads", "integer", "Ads posted."),
        C("n_bridge_ads", "integer", "Ads with two contacts."),
    )),
    Table("recruitment_ads.csv", "Every ad: operation, role and contacts.", "sorted by ad_id", (
        C("ad_id", "id", "Ad id."),
        C("op_id", "string", "Operation; empty for other employers.", nullable=True),
        C("role", "string", "`template`, `variant`, `decoy` or `background`."),
        C("is_bridge", "boolean", "The ad carries two of the operation's phones."),
        C("hard_negative", "string", "The employer's tag (`background` or a decoy label); "
          "empty for operations.", nullable=True),
        C("indicators", "string", "The operation's indicators.", nullable=True),
        C("obfuscated", "boolean", "A contact is spelled out or disguised."),
        C("contacts", "string", "The real contacts, normalised, separated by `;`."),
    )),
    Table("recruitment_threads.csv", "Every message thread.", "sorted by thread_id", (
        C("thread_id", "id", "Thread id."),
        C("op_id", "string", "Operation; empty for a legitimate employer.", nullable=True),
        C("first_reply_minutes", "integer", "Minutes from the seeker's post to the reply."),
        C("platform_switch", "boolean", "The talk moved to a messaging app."),
        C("fee_requested", "boolean", "A fee was asked for."),
        C("documents_requested", "boolean", "Identity documents were asked for."),
        C("urgency", "boolean", "Pressure to decide at once."),
    )),
)
CASES_TRUTH = (
    Table("cases_plants.csv", "Planted records and access-log entries.", "sorted by item", (
        C("item", "string", "A record id, or `access_log:<entry_no>`."),
        C("plant", "string", "What is planted, e.g. `expired_consent`."),
        C("detail", "text", "Detail of the plant."),
    )),
)
TRUTH_SCHEMAS: dict[str, tuple[Table, ...]] = {
    "bank": BANK_TRUTH, "chain": CHAIN_TRUTH, "recruitment": RECRUITMENT_TRUTH,
    "cases": CASES_TRUTH,
}


def table(dataset: str, file: str) -> Table:
    """The schema of one dataset file, e.g. table("bank", "transactions.csv")."""
    return _find(SCHEMAS, dataset, file)


def truth_table(dataset: str, file: str) -> Table:
    """The schema of one ground-truth file, e.g. truth_table("bank", "bank_entities.csv")."""
    return _find(TRUTH_SCHEMAS, dataset, file)


def _find(schemas: dict[str, tuple[Table, ...]], dataset: str, file: str) -> Table:
    for t in schemas[dataset]:
        if t.file == file:
            return t
    raise KeyError(f"{dataset}/{file}")

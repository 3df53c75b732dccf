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
    source: str = ""  # where an investigator gets this column (legal process or source)


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


def C(name, type_, description, unit="", nullable=False, places=2, source=""):  # noqa: N802
    """A column (short name: the tables below are a small DSL)."""
    return Column(name, type_, description, unit, nullable, places, source)

# Where an investigator gets each column (rendered in the datasheets). Legal process as in
# the United States: a bank's records by grand-jury or administrative subpoena, naming each
# kind of record wanted; SAR supporting documentation on request (31 CFR 1020.320(d)).
S_CIF = ("The bank's customer number in its account-opening records (subpoena); random "
         "here.")
S_KYC = ("Account-opening records (customer identification and KYC file), from the bank "
         "under a grand-jury or administrative subpoena.")
S_CDD_BIZ = ("The business customer's due-diligence questionnaire in the account-opening "
             "records (subpoena).")
S_RISK = ("The bank's due-diligence (risk-rating) records: internal; produced when the "
          "subpoena names them, or as supporting documentation of a SAR.")
S_ADDR = "Address of record in the account-opening records (subpoena)."
S_ADDR_ID = ("A key the analyst gives each distinct address of record (banks do not number "
             "addresses).")
S_ADDR_KIND = ("The analyst's classification of the address (property records, a map, a "
               "visit); banks do not record it.")
S_ACCOUNTS = "Account-opening records and signature card (subpoena)."
S_STATUS = ("Account information in the subpoena return (a closed account's last statement "
            "shows the closing).")
S_PARTIES = ("Signature cards and, for a business, the beneficial-ownership certification "
             "taken at opening (31 CFR 1010.230), in the account-opening records (subpoena).")
S_DEVICE = ("The online-banking enrollment log: a separate request to the bank's "
            "digital-banking team, which keeps device and IP logs apart from the account "
            "records (name them in the subpoena); joined here by the analyst.")
S_LOCATIONS = ("The bank's key to the branch and ATM codes in its records, sent with the "
               "production on request; branch and ATM addresses are public.")
S_CARD = ("Debit-card transaction records (authorization and settlement data from the "
          "bank's card processor), named in the subpoena.")
S_MCC_LABEL = ("The analyst's plain-language label of the MCC (published ISO 18245 lists); "
               "not in the bank's records.")
S_TXN_ID = ("The transaction's reference in the bank's transaction-level export from its "
            "core system (subpoena: ask for the data, not only PDF statements); random here.")
S_EXPORT = "The bank's transaction-level export from its core system (subpoena)."
S_TIME = ("Transaction-level records, not statements (which show the posting date only): "
          "card and ATM times from the authorization records (card times usually in the "
          "processor's or the bank's system time zone: ask the records custodian), teller "
          "times from the teller journal, ACH, wire and P2P from the posting record "
          "(subpoena).")
S_OFFSET = ("Added by the analyst from the time zone of the branch, ATM or merchant; the "
            "bank's records give times without a zone (card times here converted to the "
            "merchant's clock).")
S_STATEMENT = "Account statements and the transaction export (subpoena)."
S_CHANNEL = ("Derived from the bank's transaction codes in the export; ask for the bank's "
             "code table with the production.")
S_TELLER = ("Teller journal (branch number) and ATM terminal records in the transaction "
            "export (subpoena).")
S_PLACE = ("Card records (merchant location) for card rows; the branch's or ATM's location "
           "for cash and ATM rows (subpoena).")
S_CP_ACC = ("The transfer record in the transaction export, which names the other account "
            "when both are at this bank (subpoena).")
S_CP_NAME = ("ACH entry detail (originator or receiver name), wire transfer records (a "
             "separate item of the subpoena), card merchant descriptor, P2P record.")
S_CP_COUNTRY = ("Wire transfer records (the other bank's country) and card records (the "
                "merchant's country).")
S_MEMO = ("ACH entry description, wire originator-to-beneficiary text, the P2P note the "
          "sender typed, or the teller's description (transaction export, wire records).")
S_NOTES = ("The bank's internal staff notes: they reach law enforcement as supporting "
           "documentation of a SAR, which the bank gives on request without a subpoena "
           "(31 CFR 1020.320(d)); otherwise only by a subpoena naming them.")
S_CONDUCTOR = ("The teller's record of who conducted the transaction (the ID shown; this "
               "bank's policy from $3,000), kept with the staff notes; same route as the "
               "notes.")
S_CASES = ("The agency's own files: the task force's closed case files (`TF-...`) and its "
           "SAR review team's reviews of leads (`AR-...`).")
S_CHAIN = "The public ledger: any full node or block explorer; no legal process needed."
S_SEEN = ("A block explorer's (or the agency's own node's) record of when it first saw the "
          "transaction: public, but not part of the chain.")
S_TAGS = ("Attribution tags from a blockchain-analytics tool or public tag packs; the "
          "`source` column says how each tag was obtained.")
S_AD_PAGES = ("The classified site's public listing pages, collected as open-source "
              "information (capture date and hash kept).")
S_EXCHANGE = ("The exchange's return to legal process (a federal or state subpoena) for "
              "subscriber (KYC) and account records.")
S_OSINT = ("The platforms' public pages, collected as open-source information (capture date "
           "and hash kept; no legal process, agency policy applies).")
S_REGISTRY = "The state's public business-entity registry."
S_CONSENTED = ("Provided by the job seekers with their written consent (exports from their "
               "own phones); from the platform itself only with a search warrant (content).")
S_REVIEWS = "The agency's analyst team's review log (internal)."
S_CMS = ("The task force's case-management system and the service partner's client files; "
         "service records are shared only with the person's written consent.")
S_CONSENT = "The signed release in the service partner's file."
S_PROTECTED = ("The service partner's and the task force's immigration records; protected "
               "under 8 U.S.C. 1367.")
S_SCORE = "The vendor intake-screening tool's output, stored with the record."
S_EVIDENCE = "The agency's evidence-management record (hash taken at acquisition)."
S_ROLL = "A public record (such as a voter roll), obtained as any member of the public can."
S_AUDIT = "The records system's audit log, exported by its administrator."
S_CENSUS = "Published census population counts (for the fictional state here)."


BANK = (
    Table("customers.csv", "Know-your-customer records: individuals and businesses.",
          "sorted by customer_id", (
              C("customer_id", "id", "Customer id (`CUS-...`).",
                source=S_CIF),
              C("kind", "string", "`individual` or `business`.",
                source=S_KYC),
              C("name", "string", "Invented name of the person or business.",
                source=S_KYC),
              C("birth_year", "integer", "Year of birth (individuals only).", nullable=True,
                source=S_KYC),
              C("occupation", "string", "Declared occupation (individuals only).",
                nullable=True,
                source=S_KYC),
              C("industry", "string", "Declared industry (businesses only).", nullable=True,
                source=S_CDD_BIZ),
              C("naics_code", "integer", "NAICS 2022 industry code (businesses only).",
                nullable=True,
                source=S_CDD_BIZ),
              C("declared_monthly_income", "money", "Income declared at onboarding "
                "(individuals).", "USD per month", nullable=True,
                source=S_KYC),
              C("declared_annual_revenue", "money", "Revenue declared at onboarding "
                "(businesses).", "USD per year", nullable=True,
                source=S_CDD_BIZ),
              C("declared_employees", "integer", "Employees declared (businesses).",
                "people", nullable=True,
                source=S_CDD_BIZ),
              C("opening_hours", "string", "Declared opening hours, local time, e.g. "
                "`10:00-20:00` (businesses).", nullable=True,
                source=S_CDD_BIZ),
              C("address_id", "id", "Address on file (see addresses.csv).",
                source=S_KYC),
              C("phone", "string",
                "Phone on file, `NPA-555-01XX` (fictional range); mostly an area code of the "
                "customer's city, otherwise of its state or the next state along the route "
                "(a number kept after a move).",
                source=S_KYC),
              C("email", "string", "E-mail on file (example.* or .test domains only).",
                source=S_KYC),
              C("onboard_date", "date", "Date the customer relationship began.",
                source=S_KYC),
              C("risk_rating", "string", "The bank's KYC risk rating: `low`, `medium`, "
                "`high`.",
                source=S_RISK),
          )),
    Table("addresses.csv", "Addresses on file.", "sorted by address_id", (
        C("address_id", "id", "Address id (`ADR-...`).",
          source=S_ADDR_ID),
        C("line1", "string", "Street line with invented street names.",
          source=S_ADDR),
        C("city", "string", "City.",
          source=S_ADDR),
        C("state", "string", "Two-letter state.",
          source=S_ADDR),
        C("kind", "string", "`residential`, `apartment`, `commercial` or `motel`.",
          source=S_ADDR_KIND),
    )),
    Table("accounts.csv", "Deposit accounts.", "sorted by account_id", (
        C("account_id", "id", "Account id (`ACC-...`).",
          source=S_ACCOUNTS),
        C("product", "string", "`checking`, `savings` or `business_checking`.",
          source=S_ACCOUNTS),
        C("open_date", "date", "Date the account was opened.",
          source=S_ACCOUNTS),
        C("status", "string", "`open` or `closed` at the end of the extract.",
          source=S_STATUS),
        C("home_branch_id", "id", "Branch where the account was opened (locations.csv).",
          source=S_ACCOUNTS),
    )),
    Table("account_parties.csv", "Who is on each account (signature cards), and the device "
          "that enrolled them in online banking (the bank's digital-banking logs, joined in).",
          "sorted by account_id, customer_id", (
              C("account_id", "id", "Account id.",
                source=S_PARTIES),
              C("customer_id", "id", "Customer id.",
                source=S_PARTIES),
              C("role", "string", "`owner`, `joint_owner`, `authorized_signer` or "
                "`beneficial_owner`.",
                source=S_PARTIES),
              C("device_id", "string", "Device fingerprint used to enroll in online banking "
                "(`DEV-...`); empty if never enrolled.", nullable=True,
                source=S_DEVICE),
          )),
    Table("locations.csv", "Branches and ATMs of the fictional Exemplar Community Bank.",
          "sorted by location_id", (
              C("location_id", "id", "Location id (`LOC-...`).",
                source=S_LOCATIONS),
              C("kind", "string", "`branch` or `atm`.",
                source=S_LOCATIONS),
              C("name", "string", "Location name.",
                source=S_LOCATIONS),
              C("city", "string", "City.",
                source=S_LOCATIONS),
              C("state", "string", "Two-letter state.",
                source=S_LOCATIONS),
          )),
    Table("merchants.csv", "Card merchants seen in the extract.", "sorted by merchant_id", (
        C("merchant_id", "id", "Merchant id (`MER-...`).",
          source=S_CARD),
        C("name", "string", "Invented merchant name.",
          source=S_CARD),
        C("mcc", "integer", "ISO 18245 merchant category code, e.g. 7011 hotels and motels, "
          "4121 taxicabs and rideshare.",
          source=S_CARD),
        C("category", "string", "Plain-language category of the MCC.",
          source=S_MCC_LABEL),
        C("city", "string", "City of a physical merchant; empty for online merchants.",
          nullable=True,
          source=S_CARD),
        C("state", "string", "State of a physical merchant.", nullable=True,
          source=S_CARD),
        C("country", "string", "ISO 3166 alpha-2 country; `XB` is a user-assigned code "
          "standing for a fictional overseas jurisdiction.",
          source=S_CARD),
        C("online", "boolean", "Card-not-present (web) merchant.",
          source=S_CARD),
    )),
    Table("transactions.csv", "Every account transaction, 2025-01-01 to 2025-06-30.",
          "sorted by ts_local, then txn_id", (
              C("txn_id", "id", "Transaction id (`TXN-...`).",
                source=S_TXN_ID),
              C("account_id", "id", "Account the row belongs to.",
                source=S_EXPORT),
              C("ts_local", "datetime_local", "Local wall-clock time where the transaction "
                "happened (branch, ATM or merchant); for remote channels, the account's home "
                "branch time. Use this for hour-of-day questions.",
                source=S_TIME),
              C("utc_offset", "offset", "UTC offset of ts_local (`-06:00` CST, `-05:00` CDT, "
                "`-07:00`/`-06:00` Denver); UTC = ts_local minus the offset.",
                source=S_OFFSET),
              C("direction", "string", "`credit` (money in) or `debit` (money out).",
                source=S_STATEMENT),
              C("amount", "money", "Amount, always positive; direction gives the sign.", "USD",
                source=S_STATEMENT),
              C("channel", "string", "`cash` (teller), `atm`, `card` (card present), "
                "`card_online` (card not present), `ach`, `wire`, `p2p`, `prepaid` "
                "(prepaid-access card purchase or load) or `crypto` (virtual-currency "
                "purchase).",
                source=S_CHANNEL),
              C("mcc", "integer", "Merchant category code for card, prepaid and crypto rows.",
                nullable=True,
                source=S_CARD),
              C("merchant_id", "id", "Merchant (merchants.csv) for card, prepaid and crypto "
                "rows.", nullable=True,
                source=S_CARD),
              C("location_id", "id", "Branch or ATM for cash and atm rows.", nullable=True,
                source=S_TELLER),
              C("city", "string", "City where it physically happened; empty for remote "
                "channels (ach, wire, p2p, card_online).", nullable=True,
                source=S_PLACE),
              C("state", "string", "State of city.", nullable=True,
                source=S_PLACE),
              C("counterparty_account_id", "id", "The other account when both sides bank "
                "here (transfers, in-bank payroll, P2P).", nullable=True,
                source=S_CP_ACC),
              C("counterparty_name", "string", "Merchant descriptor or external "
                "originator/beneficiary as the bank received it; `PAYPROC*...` means a "
                "third-party processor masked the other party.", nullable=True,
                source=S_CP_NAME),
              C("counterparty_country", "string", "Country of an external counterparty "
                "(ISO alpha-2; `XB` = fictional overseas jurisdiction).", nullable=True,
                source=S_CP_COUNTRY),
              C("memo", "string", "Memo or reference text.", nullable=True,
                source=S_MEMO),
          )),
    Table("branch_interactions.csv", "Teller and branch-staff notes on in-person visits.",
          "sorted by ts_local, then interaction_id", (
              C("interaction_id", "id", "Interaction id (`INT-...`).",
                source=S_NOTES),
              C("ts_local", "datetime_local", "Local time of the visit.",
                source=S_NOTES),
              C("utc_offset", "offset", "UTC offset of ts_local.",
                source=S_OFFSET),
              C("location_id", "id", "Branch.",
                source=S_NOTES),
              C("customer_id", "id", "Customer served.",
                source=S_NOTES),
              C("account_id", "id", "Account concerned, if any.", nullable=True,
                source=S_NOTES),
              C("interaction_type", "string", "`account_opening`, `cash_deposit`, "
                "`withdrawal`, `address_change`, `card_replacement` or `inquiry`.",
                source=S_NOTES),
              C("third_party_present", "boolean", "Someone other than the customer took part.",
                source=S_NOTES),
              C("third_party_customer_id", "id", "The third party, if a customer of the bank "
                "(for a cash deposit: the person the teller recorded as conducting it).",
                nullable=True,
                source=S_CONDUCTOR),
              C("note_text", "text", "Factual note written by staff.",
                source=S_NOTES),
          )),
    Table("confirmed_cases.csv", "Outcomes of closed investigations and alert reviews: "
          "partial labels (customers not listed were never reviewed).",
          "sorted by case_ref, customer_id", (
              C("case_ref", "string", "Reference of the closed case or alert review.",
                source=S_CASES),
              C("customer_id", "id", "Customer reviewed.",
                source=S_CASES),
              C("disposition", "string", "`confirmed` (involved in the confirmed activity) or "
                "`cleared` (reviewed; legitimate explanation).",
                source=S_CASES),
              C("typology", "string", "Confirmed typology, e.g. `funnel_account`, "
                "`front_business`, `structuring`, `controlled_account`, "
                "`exploitative_employment`, `controller`; `none` when cleared.",
                source=S_CASES),
              C("party_role", "string", "`subject` (person or business under investigation), "
                "`person_exploited` (a victim: never a subject), or `not_involved`.",
                source=S_CASES),
              C("closed_date", "date", "Date the case or review was closed.",
                source=S_CASES),
          )),
)

CHAIN = (
    Table("blocks.csv", "Block headers of the toy Practice Coin chain (one block every 2 hours).",
          "sorted by height", (
              C("height", "integer", "Block height; 0 is the genesis block.",
                source=S_CHAIN),
              C("block_hash", "string", "SHA-256d of the header string (see datasheet).",
                source=S_CHAIN),
              C("prev_hash", "string", "Hash of the previous block (64 zeros for genesis).",
                source=S_CHAIN),
              C("merkle_root", "string", "Merkle root of the block's txids.",
                source=S_CHAIN),
              C("timestamp", "datetime_utc", "Block time.",
                source=S_CHAIN),
              C("difficulty_bits", "integer", "Toy proof of work: the hash must start with "
                "this many zero bits.",
                source=S_CHAIN),
              C("nonce", "integer", "Nonce that satisfies the proof of work.",
                source=S_CHAIN),
              C("n_tx", "integer", "Transactions in the block.",
                source=S_CHAIN),
          )),
    Table("transactions.csv", "Transactions, in block order.", "sorted by block_height, "
          "position", (
              C("txid", "string", "Transaction id (64 hex; SHA-256 under a `SYN-TX|` tag).",
                source=S_CHAIN),
              C("block_height", "integer", "Block containing the transaction.",
                source=S_CHAIN),
              C("position", "integer", "Position in the block (0 = coinbase).",
                source=S_CHAIN),
              C("first_seen", "datetime_utc", "When the transaction was first broadcast, as a "
                "block explorer shows it.",
                source=S_SEEN),
              C("is_coinbase", "boolean", "Newly minted coins (no inputs).",
                source=S_CHAIN),
          )),
    Table("inputs.csv", "Transaction inputs. No address or value: join prev_txid/prev_vout "
          "to outputs.csv to find them.", "sorted by txid, vin", (
              C("txid", "string", "Spending transaction.",
                source=S_CHAIN),
              C("vin", "integer", "Input index.",
                source=S_CHAIN),
              C("prev_txid", "string", "Transaction that created the spent output.",
                source=S_CHAIN),
              C("prev_vout", "integer", "Index of the spent output.",
                source=S_CHAIN),
          )),
    Table("outputs.csv", "Transaction outputs (UTXOs while unspent).", "sorted by txid, vout", (
        C("txid", "string", "Creating transaction.",
          source=S_CHAIN),
        C("vout", "integer", "Output index.",
          source=S_CHAIN),
        C("address", "string", "Receiving address (`SYN-...`, invalid on real networks).",
          source=S_CHAIN),
        C("value_sat", "integer", "Value in satoshi-like units.", "sat (1 coin = 100,000,000)",
          source=S_CHAIN),
        C("script_type", "string", "`p2pkh` or `p2wpkh` (toy labels).",
          source=S_CHAIN),
        C("spent_by_txid", "string", "Transaction that spent it; empty if unspent.",
          nullable=True,
          source=S_CHAIN),
        C("spent_by_vin", "integer", "Input index in spent_by_txid.", nullable=True,
          source=S_CHAIN),
    )),
    Table("address_tags.csv", "Attribution tags in the GraphSense TagPack style, with source "
          "and confidence. Tags can be wrong; low confidence means heuristic.",
          "sorted by address, label", (
              C("address", "string", "Tagged address.",
                source=S_TAGS),
              C("label", "string", "Entity label.",
                source=S_TAGS),
              C("category", "string", "`exchange`, `ad_site`, `merchant`, `miner`, "
                "`crypto_kiosk`.",
                source=S_TAGS),
              C("source", "string", "How the tag was obtained: `ownership`, "
                "`manual_transaction`, `authority_data`, `forensic`, `web_crawl`, "
                "`heuristic`.",
                source=S_TAGS),
              C("confidence", "integer", "GraphSense confidence scale: ownership 100, "
                "manual_transaction 90, authority_data 60, forensic 50, web_crawl 20, "
                "heuristic 10.",
                source=S_TAGS),
              C("is_cluster_definer", "boolean", "Whether the tag may label the whole "
                "address cluster.",
                source=S_TAGS),
          )),
    Table("ad_listings.csv", "Paid listings on ClassifiedsB, an overseas classified-ad "
          "site that takes the Practice Coin (its public listing pages). ad_id matches recruitment/"
          "ads.csv.", "sorted by posted_at, ad_id", (
              C("ad_id", "id", "Ad id (`AD-...`), same as in the recruitment dataset.",
                source=S_AD_PAGES),
              C("posted_at", "datetime_utc", "When the ad went live.",
                source=S_AD_PAGES),
              C("city", "string", "City the ad targets.",
                source=S_AD_PAGES),
              C("state", "string", "State.",
                source=S_AD_PAGES),
              C("price_sat", "integer", "Listing price quoted in the Practice Coin.", "sat",
                source=S_AD_PAGES),
          )),
    Table("legal_return_kyc.csv", "Legal-process return from the fictional Exemplar Coin "
          "Exchange: subscriber (KYC) records for the requested deposit addresses.",
          "sorted by customer_ref", (
              C("request_ref", "string", "Reference of the legal-process request.",
                source=S_EXCHANGE),
              C("exchange", "string", "Responding exchange.",
                source=S_EXCHANGE),
              C("customer_ref", "string", "Exchange's account reference.",
                source=S_EXCHANGE),
              C("full_name", "string", "Name on the account.",
                source=S_EXCHANGE),
              C("date_of_birth", "date", "Date of birth.",
                source=S_EXCHANGE),
              C("phone", "string", "Phone on file.",
                source=S_EXCHANGE),
              C("email", "string", "E-mail on file.",
                source=S_EXCHANGE),
              C("street_address", "string", "Street address on file (invented street "
                "names); it need not be the address another business holds.",
                source=S_EXCHANGE),
              C("city", "string", "City of residence on file.",
                source=S_EXCHANGE),
              C("state", "string", "State.",
                source=S_EXCHANGE),
              C("id_document_type", "string", "Type of the identity document presented.",
                source=S_EXCHANGE),
              C("id_document_number", "string", "Its number: `<state>-DL-SYN<6 digits>`, a "
                "format no real registry uses.",
                source=S_EXCHANGE),
              C("account_opened", "date", "Exchange account opening date.",
                source=S_EXCHANGE),
              C("linked_bank", "string", "Bank of the linked fiat account.",
                source=S_EXCHANGE),
              C("linked_bank_routing", "string", "Routing number of the linked account as the "
                "customer gave it (nine digits; fictional: it starts with 5, a prefix no "
                "routing number has, and its check digit is wrong).",
                source=S_EXCHANGE),
              C("linked_bank_account_number", "string", "Account number of the linked account "
                "as the customer gave it (not the bank's internal account id: the bank maps it "
                "in its own answer).",
                source=S_EXCHANGE),
              C("deposit_addresses", "string", "Deposit addresses assigned to the account, "
                "separated by `;`.",
                source=S_EXCHANGE),
              C("produced_on", "date", "Date of the production.",
                source=S_EXCHANGE),
              C("certification", "string", "The custodian's business-records certificate "
                "that comes with the production.",
                source=S_EXCHANGE),
          )),
    Table("legal_return_activity.csv", "Legal-process return: account activity of the "
          "accounts in legal_return_kyc.csv, logins included.", "sorted by ts, activity_id", (
              C("activity_id", "string", "Row reference in the return, in time order.",
                source=S_EXCHANGE),
              C("customer_ref", "string", "Exchange account.",
                source=S_EXCHANGE),
              C("ts", "datetime_utc", "When the exchange booked it.",
                source=S_EXCHANGE),
              C("activity", "string", "`login`, `crypto_deposit`, `trade_sell` or "
                "`fiat_withdrawal`.",
                source=S_EXCHANGE),
              C("txid", "string", "On-chain transaction for deposits.", nullable=True,
                source=S_EXCHANGE),
              C("address", "string", "Deposit address credited.", nullable=True,
                source=S_EXCHANGE),
              C("value_sat", "integer", "Crypto amount.", "sat", nullable=True,
                source=S_EXCHANGE),
              C("price_usd_per_coin", "money", "Price of a trade, per coin.", "USD",
                nullable=True, source=S_EXCHANGE),
              C("fee_usd", "money", "The exchange's fee on a trade.", "USD", nullable=True,
                source=S_EXCHANGE),
              C("usd_amount", "money", "Fiat amount: a sale's proceeds after the fee, or a "
                "withdrawal.", "USD", nullable=True,
                source=S_EXCHANGE),
              C("destination", "string", "Destination of a fiat withdrawal.", nullable=True,
                source=S_EXCHANGE),
              C("ip_address", "string", "IP address of a login, or of the session of a trade "
                "or withdrawal (documentation ranges 192.0.2.0/24, 198.51.100.0/24, "
                "203.0.113.0/24: never routed).", nullable=True,
                source=S_EXCHANGE),
              C("device_id", "string", "The exchange's identifier of the device (`DEV-...`).",
                nullable=True, source=S_EXCHANGE),
              C("client", "string", "App or browser the session used.", nullable=True,
                source=S_EXCHANGE),
          )),
)

RECRUITMENT = (
    Table("ads.csv", "Job ads collected from three fictional platforms (JobBoardA, "
          "ClassifiedsB, SocialC), as scraped: raw text, messy contacts.",
          "sorted by posted_at, ad_id", (
              C("ad_id", "id", "Ad id (`AD-...`).",
                source=S_OSINT),
              C("platform", "string", "`JobBoardA`, `ClassifiedsB` or `SocialC`.",
                source=S_OSINT),
              C("posted_at", "datetime_utc", "When the ad was posted.",
                source=S_OSINT),
              C("city", "string", "City the ad targets.",
                source=S_OSINT),
              C("state", "string", "State.",
                source=S_OSINT),
              C("title", "string", "Ad title as posted.",
                source=S_OSINT),
              C("body", "text", "Ad text as posted (typos, emoji and obfuscation included).",
                source=S_OSINT),
              C("pay_text", "string", "Pay as written (hourly, weekly, monthly, ranges, "
                "words).", nullable=True,
                source=S_OSINT),
              C("employer_name", "string", "Employer name as written in the ad.",
                nullable=True,
                source=S_OSINT),
              C("employer_reg_id", "string", "Business registration number if the ad gives "
                "one.", nullable=True,
                source=S_OSINT),
              C("contact_raw", "text", "Contact line as written: phones, e-mails, handles, "
                "sometimes spelled out or obfuscated.",
                source=S_OSINT),
              C("url", "string", "Ad URL (fictional `.test` domains).",
                source=S_OSINT),
          )),
    Table("companies.csv", "Mock business registry of the region (for verification).",
          "sorted by reg_id", (
              C("reg_id", "string", "Registration number.",
                source=S_REGISTRY),
              C("name", "string", "Registered name.",
                source=S_REGISTRY),
              C("city", "string", "City.",
                source=S_REGISTRY),
              C("state", "string", "State.",
                source=S_REGISTRY),
              C("registered_on", "date", "Registration date.",
                source=S_REGISTRY),
              C("status", "string", "`active` or `dissolved`.",
                source=S_REGISTRY),
          )),
    Table("seeker_posts.csv", "Posts by job seekers looking for work (targets of passive "
          "recruitment).", "sorted by posted_at, post_id", (
              C("post_id", "id", "Post id (`PST-...`).",
                source=S_OSINT),
              C("platform", "string", "Platform.",
                source=S_OSINT),
              C("posted_at", "datetime_utc", "When posted.",
                source=S_OSINT),
              C("city", "string", "City.",
                source=S_OSINT),
              C("state", "string", "State.",
                source=S_OSINT),
              C("handle", "string", "Poster's handle (`demo_...`).",
                source=S_OSINT),
              C("text", "text", "Post text.",
                source=S_OSINT),
          )),
    Table("messages.csv", "Message threads that began as replies to seeker posts, "
          "provided with the seekers' consent.", "sorted by thread_id, sent_at, msg_id", (
              C("msg_id", "id", "Message id (`MSG-...`).",
                source=S_CONSENTED),
              C("thread_id", "id", "Thread id (`THR-...`).",
                source=S_CONSENTED),
              C("in_reply_to_post", "id", "Seeker post the thread answers.",
                source=S_CONSENTED),
              C("sent_at", "datetime_utc", "When sent.",
                source=S_CONSENTED),
              C("platform", "string", "Where the message was sent (a platform or the "
                "messaging app ChatAppX).",
                source=S_CONSENTED),
              C("sender_handle", "string", "Sender.",
                source=S_CONSENTED),
              C("recipient_handle", "string", "Recipient.",
                source=S_CONSENTED),
              C("text", "text", "Message text.",
                source=S_CONSENTED),
          )),
    Table("ad_reviews.csv", "A partial review of ads by an analyst team: most ads were "
          "never reviewed.", "sorted by ad_id", (
              C("ad_id", "id", "Reviewed ad.",
                source=S_REVIEWS),
              C("reviewed_on", "date", "Review date.",
                source=S_REVIEWS),
              C("finding", "string", "`linked_to_investigation`, `no_concern` or "
                "`inconclusive`.",
                source=S_REVIEWS),
          )),
)

CASES = (
    Table("records.csv", "Victim-services, investigative and intelligence records of a "
          "regional task force and its service partner, as held (identifiable).",
          "sorted by record_id", (
              C("record_id", "id", "Record id (`REC-...`).",
                source=S_CMS),
              C("case_number", "string", "Case number the record belongs to.",
                nullable=True,
                source=S_CMS),
              C("record_type", "string", "`service`, `investigative` or `intelligence`.",
                source=S_CMS),
              C("full_name", "string", "Name (direct identifier).",
                source=S_CMS),
              C("phone", "string", "Phone (direct identifier).", nullable=True,
                source=S_CMS),
              C("email", "string", "E-mail (direct identifier).", nullable=True,
                source=S_CMS),
              C("dob", "date", "Date of birth (quasi-identifier).",
                source=S_CMS),
              C("sex", "string", "`F` or `M` as recorded (quasi-identifier).",
                source=S_CMS),
              C("zip5", "string", "ZIP code of residence in the fictional State of Exemplar "
                "(quasi-identifier; keep leading zeros: read as text).",
                source=S_CMS),
              C("nationality", "string", "Nationality (fictional country names).",
                source=S_CMS),
              C("primary_language", "string", "Primary language (fictional; most countries "
                "have two, and some languages are spoken in several countries).",
                source=S_CMS),
              C("immigration_category", "string", "Immigration category; protected under "
                "8 U.S.C. 1367 for some people.", nullable=True,
                source=S_PROTECTED),
              C("exploitation_type", "string", "`sexual`, `labor`, `both` or `unknown`.",
                source=S_CMS),
              C("industry", "string", "Industry where exploitation occurred.",
                nullable=True,
                source=S_CMS),
              C("recruiter_relation", "string", "Relation of the recruiter to the person.",
                nullable=True,
                source=S_CMS),
              C("control_debt", "boolean", "Debt bondage reported.",
                source=S_CMS),
              C("control_docs_withheld", "boolean", "Identity documents withheld.",
                source=S_CMS),
              C("control_threats", "boolean", "Threats reported.",
                source=S_CMS),
              C("control_physical", "boolean", "Physical violence reported.",
                source=S_CMS),
              C("referral_source", "string", "Who referred the person.",
                source=S_CMS),
              C("svc_shelter", "boolean", "Shelter provided.",
                source=S_CMS),
              C("svc_legal", "boolean", "Legal services provided.",
                source=S_CMS),
              C("svc_medical", "boolean", "Medical services provided.",
                source=S_CMS),
              C("svc_interpreter", "boolean", "Interpreter provided.",
                source=S_CMS),
              C("consent_le_share", "boolean", "A written consent to share is on file; "
                "`consent_scope` says what it covers.",
                source=S_CONSENT),
              C("consent_scope", "string", "What the consent covers (only 'case "
                "coordination with law enforcement' lets the file go to detectives).",
                nullable=True, source=S_CONSENT),
              C("consent_date", "date", "Consent signed.", nullable=True,
                source=S_CONSENT),
              C("consent_expiry", "date", "Consent expires.", nullable=True,
                source=S_CONSENT),
              C("cp_requested", "boolean", "Continued Presence requested by law "
                "enforcement.",
                source=S_PROTECTED),
              C("t_visa_status", "string", "`none`, `pending`, `approved` or `denied`; "
                "only a T-visa applicant has a status other than `none`.",
                source=S_PROTECTED),
              C("opened", "date", "Record opened.",
                source=S_CMS),
              C("closed", "date", "Record closed.", nullable=True,
                source=S_CMS),
              C("last_validated", "date", "Last review/revalidation of the record.",
                source=S_CMS),
              C("risk_score", "decimal", "Intake screening score from a vendor tool "
                "(0-1).", places=3,
                source=S_SCORE),
              C("confirmed_trafficking", "boolean", "Trafficking confirmed after full "
                "assessment (the outcome the score tries to predict).",
                source=S_CMS),
              C("evidence_path", "string", "Path of the attached evidence file.",
                nullable=True,
                source=S_EVIDENCE),
              C("evidence_sha256", "string", "SHA-256 recorded at acquisition.",
                nullable=True,
                source=S_EVIDENCE),
          )),
    Table("public_roll.csv", "A synthetic public roll (name, birth date, sex, ZIP) for "
          "the linkage-attack exercise.", "sorted by roll_id", (
              C("roll_id", "id", "Row id (`ROL-...`).",
                source=S_ROLL),
              C("full_name", "string", "Name.",
                source=S_ROLL),
              C("dob", "date", "Date of birth.",
                source=S_ROLL),
              C("sex", "string", "`F` or `M`.",
                source=S_ROLL),
              C("zip5", "string", "ZIP code (read as text).",
                source=S_ROLL),
          )),
    Table("access_log.csv", "Hash-chained access log of records.csv.", "sorted by entry_no", (
        C("entry_no", "integer", "Position in the log.",
          source=S_AUDIT),
        C("ts", "datetime_utc", "Access time.",
          source=S_AUDIT),
        C("user", "string", "Staff account.",
          source=S_AUDIT),
        C("record_id", "id", "Record accessed.",
          source=S_AUDIT),
        C("purpose", "string", "Purpose entered by the user.",
          source=S_AUDIT),
        C("prev_hash", "string", "row_hash of the previous entry (64 zeros for the first).",
          source=S_AUDIT),
        C("row_hash", "string", "SHA-256 of `prev_hash|ts|user|record_id|purpose` (UTF-8).",
          source=S_AUDIT),
    )),
    Table("zip3_population.csv", "Population of each 3-digit ZIP area of the fictional "
          "State of Exemplar.", "sorted by zip3", (
              C("zip3", "string", "First three digits of zip5 (read as text).",
                source=S_CENSUS),
              C("population", "integer", "Residents.", "people",
                source=S_CENSUS),
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
        C("role", "string", "`controller`, `associate`, `front_business`, "
          "`exploitative_employer` or `person_exploited`."),
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
    Table("chain_outputs.csv", "Whether each output of a non-coinbase transaction is change.",
          "sorted by txid, vout", (
              C("txid", "string", "Transaction id."),
              C("vout", "integer", "Output index."),
              C("is_change", "boolean", "The output goes back to a wallet that paid into the "
                "transaction (change, or a self-transfer); false for a payment to someone else. "
                "In a CoinJoin each participant's output counts as its own coins (true)."),
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

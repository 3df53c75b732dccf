# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -lines_to_next_cell
#     formats: source///ipynb,lessons///py:percent
#     notebook_metadata_filter: -jupytext.text_representation
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Blockchain basics: from a hash to a cluster of addresses
#
# *Assignment 02. About 7 hours 55 minutes for someone new to Python, including the exercises:
# plan breaks after BC-2, BC-5 and BC-6. Part of the course "Following the data trail: data skills
# for human-trafficking investigators".*
#
# > **Content note.** This notebook follows the money of a fictional trafficking network that pays
# > for online sex ads with a cryptocurrency. It describes no exploitation in detail; it works with
# > payments, addresses and blocks. The ledger, its coin, every address, person, ad site and
# > exchange are **synthetic** (invented by a program). Behind real records of this kind are people
# > who were advertised against their will: treat the planted records with the same care.
#
# **Start here:** click on the first gray code cell below and press **Shift + Enter**.
#
# ## Questions
#
# - What is a hash, and why does changing one character of a record change its hash completely?
# - How do blocks link to one another, and how do I prove that nobody edited a block?
# - What do a Merkle root and a proof of work prove, and what do they not prove?
# - Where is "the balance" of an address when the ledger only lists inputs and outputs?
# - When may I treat several addresses as one owner, and when does that rule mislead me?
# - How do I follow money that is paid out a piece at a time, and how sure can I be?
# - Which payments bought which ads, and from which wallets?
# - How do I write down what my tracing rests on, so that it survives a defense challenge?
#
# ## Objectives
#
# Each objective says what you start from, what you do, and how well it has to be done.
#
# | ID | Given ... | you can ... | to this standard | Time |
# |---|---|---|---|---|
# | BC-1 | text records and a table of block headers | hash text with SHA-256, count the bits that change when one character changes, and find every block whose hash or link to the previous block does not check out | exactly the edited block is found in copies of the ledger with one header field changed (the newest block and shuffled rows included), and none in the unedited ledger | 67 min |
# | BC-2 | the transaction ids of a block and its header fields | compute the block's Merkle root and find a nonce that meets a toy proof-of-work target | the root equals the stored root of every block of the ledger; the nonce meets the target (any valid nonce is accepted) | 41 min |
# | BC-3 | a ledger's `inputs.csv` and `outputs.csv` | join each input to the output it spends, compute every transaction's fee, the unspent outputs and an address's balance | on hand-made tables and the full ledger: every input matched, every fee inputs minus outputs with none for a coinbase, balances of unspent outputs only | 53 min |
# | BC-4 | the same ledger | flag CoinJoin transactions with an equal-output rule that leaves an equal-value batch payout alone, and cluster addresses by common-input ownership with and without that filter | exactly the ledger's CoinJoin is flagged and none of the decoys (batch payouts, dusting); the clusters are the components of addresses spent together, filtered transactions left out | 59 min |
# | BC-5 | the same ledger | pick the change output of a transaction by the round-number rule (or say it cannot be told) and follow a peeling chain hop by hop, with the amount peeled at each hop | the change is right, or reported as undecidable, in every hand-made case; the ledger's longest chain is followed to its last hop | 69 min |
# | BC-6 | the ledger, attribution tags with their sources, and the peeling chain | find the deposit addresses an exchange sweeps into its tagged hot wallet, pick the peels that reached them, and draft the preservation request (with a request not to notify the customer) and the subpoena attachment | every swept address and no other (the hot wallet's change left out); only peeled outputs kept; at least 3 of the 4 points of the BC-6.3 rubric | 93 min |
# | BC-7 | the ad site's listings (time and price) and the payments into its deposit addresses | link each ad to its payment by exact price and a time window before posting, leaving ambiguous pairs out | for any window: every ad with one candidate payment no other ad could claim is linked to it; no payment after its ad or outside the window; ambiguous ads left out | 46 min |
# | BC-8 | the rules used in BC-4 and BC-5 | write the "methods and limitations" paragraph of a tracing report: what each rule assumes, how it fails, how it was checked, and what the trace does not show | at least 3 of the 4 points of the BC-8.1 rubric | 45 min |
#
# BC-1's time includes this opening, and BC-8's the keypoints at the end.
#
# ## How this notebook is graded
#
# Sixteen autograded exercises (39 points) and two written answers (8 points). You write small **functions**; the gray **test cell**
# under each one checks it on tiny hand-made tables and tells you in plain words what it expected.
# More checks, including some on the full ledger, run when your work is graded. The tables your
# functions are given must stay exactly as they were: no column added, no value changed, no rows
# sorted in place. Work on a copy or on new variables; the visible tests check this too.
#
# ## The data: a toy ledger
#
# The folder `data/chain/` holds a small public ledger of a Bitcoin-like toy coin, the "Practice
# Coin", six months of it, built for this course. Its addresses start with `SYN-`, a format that
# is invalid on every real network, and the coin exists nowhere else (it has no ticker symbol).
# Its transaction ids look like real ones (64 hexadecimal characters), but they are hashed under a
# tag of their own and match no real transaction: when you copy one out of this notebook, into a
# note or a practice request, write it as `syntx:` followed by the id, so that nobody looks for it
# on a real network. Amounts are whole numbers of **sat**: 1 coin is 100,000,000 sat, as one
# bitcoin is 100,000,000 satoshi. `DATASHEET.md` in the folder describes every column.
#
# | File | One row per ... |
# |---|---|
# | `blocks.csv` | block: height, its hash, the previous block's hash, Merkle root, time, difficulty, nonce |
# | `transactions.csv` | transaction: id, block, position in the block, whether it is a coinbase |
# | `inputs.csv` | input: which earlier output (`prev_txid`, `prev_vout`) a transaction spends. No address, no amount |
# | `outputs.csv` | output: address, value in sat, and which transaction spent it (empty while unspent) |
#
# Everything in this ledger is public: anyone who runs the coin's software, or opens a block
# explorer, sees it. No legal process is needed to read it. What it does **not** show is who
# controls an address: that takes heuristics (BC-4) and, in the end, records from a business
# such as an exchange.
#
# **A simplification to keep in mind.** Real Bitcoin hashes an 80-byte binary header, and block
# explorers display its hashes with the bytes in reverse order; this toy chain hashes a readable line of text, and its proof of
# work is 8 bits instead of about 80. The ideas are the same; the byte layout is not.

# %%
# Run this cell first (Shift + Enter). It loads the tools and the ledger.
# %matplotlib inline
import hashlib

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

plt.style.use("tableau-colorblind10")          # color-blind-safe colors
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]

DATA = "data/chain/"
blocks = pd.read_csv(DATA + "blocks.csv")
transactions = pd.read_csv(DATA + "transactions.csv")
inputs = pd.read_csv(DATA + "inputs.csv")
outputs = pd.read_csv(DATA + "outputs.csv")

SAT_PER_COIN = 100_000_000
print(f"Ready: {len(blocks):,} blocks, {len(transactions):,} transactions, "
      f"{len(inputs):,} inputs and {len(outputs):,} outputs.")

# %% [markdown]
# ## BC-1 Hashes, block links and a tampered block (67 min)
#
# ### What a hash is
#
# A **hash function** turns any text or file into a short fixed-length fingerprint. SHA-256, the
# one Bitcoin uses, always gives 256 bits, written as 64 hexadecimal characters (0-9 and a-f, four
# bits each). Three properties make it useful to an investigator:
#
# - the same input always gives the same hash, on any computer;
# - it is not practical to find another input with the same hash, nor to get the input back from
#   the hash **when the input cannot be guessed**. A short or guessable input can be: hash every
#   phone number of an area code, or every date of birth, and compare (module 04 does exactly
#   this). A hash proves that a record was not changed; it does not hide a guessable record;
# - a change of one character changes about half of the 256 bits (the **avalanche effect**), so a
#   hash cannot be "nearly" right.
#
# You may already rely on this: a forensic image of a phone is verified by its hash, and a report
# can cite a file's SHA-256 so that anyone can show later that it was not changed. In Python,
# `hashlib.sha256` takes **bytes**, so text is first encoded (`"text".encode()` uses UTF-8).
#
# ### Worked example: hash two records that differ by one character

# %%
record = "Paid 60406 sat for ad AD-ZF1CVMPW"
edited = "Paid 60407 sat for ad AD-ZF1CVMPW"

digest = hashlib.sha256(record.encode()).hexdigest()
digest_edited = hashlib.sha256(edited.encode()).hexdigest()
print(digest)
print(digest_edited)
print("Length in hex characters:", len(digest))

# %% [markdown]
# The two hashes look unrelated, although the records differ by one digit. `.hexdigest()` gives
# the hash as text; `.digest()` would give the 32 raw bytes.
#
# ### Exercise BC-1.1 (1 point): `sha256_hex`
#
# Write `sha256_hex(text)`: return the SHA-256 hash of the text `text`, encoded as UTF-8, as 64
# lowercase hexadecimal characters (a string).

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc1_sha256_hex", "schema_version": 3}
def sha256_hex(text):
    """Return the SHA-256 hash of `text` (UTF-8) as 64 hexadecimal characters."""
    ### BEGIN SOLUTION
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 1, "grade_id": "bc1_sha256_hex_tests", "schema_version": 3}
def _check_bc1_sha256_hex():
    """Check that sha256_hex returns the hex SHA-256 of UTF-8 text."""
    import hashlib

    from course_checks import returned

    result = returned(sha256_hex("abc"), 'sha256_hex("abc")')
    assert isinstance(result, str), (
        f'sha256_hex("abc") should return text (a str), got a {type(result).__name__}. '
        "Use .hexdigest(), not .digest()."
    )
    assert result == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", (
        f'sha256_hex("abc") should be ba7816bf...0015ad (the standard test value); got {result}. '
        "Hash the text itself, encoded with .encode(), with hashlib.sha256."
    )
    print("Visible tests passed: sha256_hex gives the standard value for 'abc'.")

    ### BEGIN HIDDEN TESTS
    for text in ["", "Paid 60406 sat", "café 5 €", "a" * 1000]:
        want = hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert sha256_hex(text) == want, f"sha256_hex({text[:20]!r}) should be {want}."
    ### END HIDDEN TESTS


_check_bc1_sha256_hex()
del _check_bc1_sha256_hex


# %% [markdown]
# ### Worked example: compare two hashes bit by bit
#
# A hex character stands for four bits. `int(h, 16)` reads a hex string as one (very large) whole
# number; `^` ("exclusive or") gives a number whose bits are 1 exactly where two numbers differ;
# `bin(n).count("1")` counts those 1 bits. Here for two single hex characters:

# %%
a, b = int("f", 16), int("8", 16)      # f = 1111, 8 = 1000 in bits
print(bin(a), bin(b), "differ in", bin(a ^ b).count("1"), "bits")

# %% [markdown]
# ### Exercise BC-1.2 (2 points): `bits_changed`
#
# Write `bits_changed(hex_a, hex_b)`: two hashes of the same length as hex strings; return how
# many of their **bits** differ (a whole number). Not characters: the hashes `"f"` and `"8"`
# differ in one character but in three bits. Upper- and lowercase hex digits mean the same.
#
# Then run the cell after the test to see the avalanche effect on the two records above.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc1_bits_changed", "schema_version": 3}
def bits_changed(hex_a, hex_b):
    """Return the number of bits in which two equally long hex strings differ."""
    ### BEGIN SOLUTION
    return bin(int(hex_a, 16) ^ int(hex_b, 16)).count("1")
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc1_bits_changed_tests", "schema_version": 3}
def _check_bc1_bits_changed():
    """Check that bits_changed counts differing bits, not characters."""
    from course_checks import returned

    same = returned(bits_changed("ab12", "ab12"), 'bits_changed("ab12", "ab12")')
    assert same == 0, f'Two equal hashes differ in 0 bits; got {same}.'
    one = bits_changed("f", "8")
    assert one == 3, (
        f'"f" is 1111 and "8" is 1000 in bits: they differ in 3 bits, not 1 character. Got {one}. '
        "Compare the numbers int(h, 16) bit by bit (^), then count the 1 bits."
    )
    low = bits_changed("0001", "0000")
    assert low == 1, f'"0001" and "0000" differ in the last bit only: 1. Got {low}.'
    upper = bits_changed("FF", "ff")
    assert upper == 0, f'"FF" and "ff" are the same number: 0 bits differ. Got {upper}.'
    print("Visible tests passed: bits_changed counts bits.")

    ### BEGIN HIDDEN TESTS
    assert bits_changed("ffff", "0000") == 16, "All 16 bits of ffff vs 0000 differ."
    assert bits_changed("8000", "0000") == 1, "8000 and 0000 differ in the first bit only."
    assert bits_changed("a5", "5a") == 8, "a5 (10100101) and 5a (01011010) differ in all 8 bits."
    x = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    y = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
    want = sum(bin(int(p, 16) ^ int(q, 16)).count("1") for p, q in zip(x, y))
    assert bits_changed(x, y) == want, f"Two SHA-256 hashes differ in {want} bits."
    ### END HIDDEN TESTS


_check_bc1_bits_changed()
del _check_bc1_bits_changed


# %%
# The avalanche effect (not graded): how many of the 256 bits changed with one digit?
changed = bits_changed(digest, digest_edited)
print(f"{changed} of 256 bits changed ({changed / 256:.0%}).")

# %% [markdown]
# About half the bits change, and which ones cannot be predicted. That is why a hash is a good
# seal: an edit anywhere, however small, shows.
#
# ### How blocks are chained
#
# A **block** is a batch of transactions with a short **header**. The header holds the hash of the
# previous block's header (`prev_hash`), a fingerprint of the block's transactions (the Merkle
# root, BC-2), the time, the difficulty and a number called the nonce (BC-2). The block's own hash
# is the hash of its header. Because each header contains the previous block's hash, editing any
# old block changes its hash, which no longer matches the `prev_hash` stored in the next block:
# to hide the edit, the forger would have to redo every later block.
#
# In this toy chain the header is one line of text (see `DATASHEET.md`):
#
# `1|prev_hash|merkle_root|timestamp|difficulty_bits|nonce`
#
# and the block hash is SHA-256 applied **twice** ("SHA-256d", as Bitcoin does): hash the text, then
# hash the 32 raw bytes of that first hash.
#
# ### Worked example: check one block's hash

# %%
def header_text(block):
    """The toy header of one block (a row of blocks.csv), as the datasheet defines it."""
    return (f"1|{block['prev_hash']}|{block['merkle_root']}|{block['timestamp']}|"
            f"{block['difficulty_bits']}|{block['nonce']}")


def sha256d_hex(text):
    """SHA-256 applied twice: to the text's bytes, then to the raw bytes of the first hash."""
    first = hashlib.sha256(text.encode()).digest()
    return hashlib.sha256(first).hexdigest()


one_block = blocks.iloc[5]
print(header_text(one_block))
print("computed:", sha256d_hex(header_text(one_block)))
print("stored:  ", one_block["block_hash"])
print("link to block 4 holds:", one_block["prev_hash"] == blocks.iloc[4]["block_hash"])

# %% [markdown]
# ### Exercise BC-1.3 (3 points): `broken_blocks`
#
# Write `broken_blocks(blocks)`. `blocks` is a table like `blocks.csv`, with its rows **in any
# order**. Return the **set of heights** of the blocks that fail a check:
#
# 1. the SHA-256d of the block's header text (use `header_text` and `sha256d_hex` above) is not its
#    stored `block_hash`; or
# 2. its `prev_hash` is not the `block_hash` of the block one height below it; for the block at
#    the lowest height in the table, skip this check (the previous block is not in the table).
#
# A chain with nothing wrong gives an empty set. Do not change `blocks`.
#
# The cell after the test makes an edited copy of the chain, the way a forger would, and asks your
# function which block was touched.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc1_broken_blocks", "schema_version": 3}
def broken_blocks(blocks):
    """Return the set of heights whose hash or link to the previous block does not check out."""
    ### BEGIN SOLUTION
    ordered = blocks.sort_values("height")
    broken = set()
    previous = None
    for _, block in ordered.iterrows():
        if sha256d_hex(header_text(block)) != block["block_hash"]:
            broken.add(int(block["height"]))
        if previous is not None and block["prev_hash"] != previous["block_hash"]:
            broken.add(int(block["height"]))
        previous = block
    return broken
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc1_broken_blocks_tests", "schema_version": 3}
def _check_bc1_broken_blocks():
    """Check that broken_blocks checks each block's hash and its link to the block below."""
    from course_checks import ids_of, shuffled, unchanged

    chain = blocks[blocks["height"] < 8].copy()
    chain_before = chain.copy()

    def found(table, name):
        return {int(h) for h in ids_of(broken_blocks(table), f"broken_blocks({name})", "heights")}

    clean = found(chain, "the first 8 blocks")
    assert clean == set(), (
        f"The first 8 blocks of the ledger are all correct, but broken_blocks found {sorted(clean)}. "
        "Compare sha256d_hex(header_text(block)) with block['block_hash']."
    )
    unchanged(chain_before, chain, "broken_blocks",
              "Sort a copy (blocks.sort_values(...)), not the table itself.")
    mixed = found(shuffled(chain, 1), "the first 8 blocks in another order")
    assert mixed == set(), (
        f"With the same blocks in another row order, broken_blocks found {sorted(mixed)}. Sort "
        "the rows by height before comparing a block with the one below it."
    )
    nonce = chain.copy()
    nonce.loc[nonce["height"] == 3, "nonce"] += 1
    got = found(nonce, "blocks with block 3's nonce changed")
    assert got == {3}, (
        f"Block 3's nonce was changed, so its header no longer hashes to its block_hash: expected "
        f"{{3}}, got {sorted(got)}."
    )
    forged = chain.copy()
    forged.loc[forged["height"] == 4, "merkle_root"] = "0" * 64
    forged.loc[forged["height"] == 4, "block_hash"] = sha256d_hex(
        header_text(forged[forged["height"] == 4].iloc[0]))
    got = found(forged, "blocks with block 4 edited and re-hashed")
    assert got == {5}, (
        "Block 4 was edited and given the new hash of its edited header, so block 4 checks out on "
        "its own; but block 5's prev_hash still names the old hash. Expected {5}, got "
        f"{sorted(got)}. Compare each block's prev_hash with the block_hash of the block one "
        "height below."
    )
    later = chain[chain["height"] >= 2]
    got = found(later, "blocks 2 to 7")
    assert got == set(), (
        f"For blocks 2 to 7 the lowest block (2) has no block below it in the table, so its link "
        f"is not checked: expected an empty set, got {sorted(got)}."
    )
    print("Visible tests passed: broken_blocks checks hashes and links.")

    ### BEGIN HIDDEN TESTS
    full = pd.read_csv("data/chain/blocks.csv")
    assert found(full, "the full chain") == set(), "The full chain has no broken block."
    k = int(full["height"].iloc[len(full) // 2])
    edit = full.copy()
    edit.loc[edit["height"] == k, "timestamp"] = "2025-02-30T00:00:00Z"
    assert found(shuffled(edit, 4), "the full chain, one timestamp edited") == {k}, (
        f"Only block {k}'s timestamp was edited: expected {{{k}}}."
    )
    relink = full.copy()
    relink.loc[relink["height"] == k, "prev_hash"] = "f" * 64
    assert found(relink, "the full chain, one prev_hash edited") == {k}, (
        f"Block {k}'s prev_hash was edited: its own hash and its link both fail; expected {{{k}}}."
    )
    top = int(full["height"].max())
    last = full.copy()
    last.loc[last["height"] == top, "nonce"] += 7
    assert found(last, "the chain with the newest block edited") == {top}, (
        "The newest block was edited; it should be found too."
    )
    first = full.copy()
    first.loc[first["height"] == 0, "nonce"] += 1
    assert found(first, "the chain with block 0 edited") == {0}, (
        "Block 0's nonce was edited (its stored hash was not): only block 0's own hash fails."
    )
    ### END HIDDEN TESTS


_check_bc1_broken_blocks()
del _check_bc1_broken_blocks


# %%
# A forger's edit (not graded): one block's transactions are swapped for others, the block
# re-hashed so that it looks right on its own. Which block does your function find?
forged_chain = blocks.copy()
target = int(blocks["height"].quantile(0.6))
row = forged_chain["height"] == target
forged_chain.loc[row, "merkle_root"] = sha256d_hex("a different set of transactions")
forged_chain.loc[row, "block_hash"] = sha256d_hex(header_text(forged_chain[row].iloc[0]))
print("Blocks that fail a check:", sorted(broken_blocks(forged_chain)))

# %% [markdown]
# The forged block passes its own hash check; the **next** block gives it away, because its
# `prev_hash` still holds the old hash. (The forged block also fails the proof of work of BC-2: its
# new hash almost certainly does not meet its target. The worked example in BC-2 checks it.)
#
# Do not overstate what these checks prove. A forger who re-hashes **every** later block, and
# redoes their proof of work, makes a copy that passes every check in this notebook: the checks
# show that a copy is consistent with itself, not that it is *the* chain. What ties a copy to the
# real chain is comparison with copies held by others (every node of the network keeps one; a
# block's hash noted at the time, in a report or a seized device, fixes it too) and, on a real
# chain, the accumulated work: rewriting old blocks means redoing their proof of work faster than
# the whole network adds new blocks. That is why an old payment on a public chain is solid
# evidence: anyone can check it against their own, independent copy of the chain.
#
# ## BC-2 Merkle roots and proof of work (41 min)
#
# ### The Merkle root
#
# A block's header does not list its transactions; it holds one hash that stands for all of them,
# the **Merkle root**. The transaction ids are paired and each pair hashed together, then the
# results are paired and hashed again, level by level, until one hash is left. If a level has an
# odd number of hashes, the last one is paired with itself. Change, add, drop or reorder one
# transaction and the root changes; and a short "Merkle proof" (one hash per level) shows that a
# transaction is in a block without handing over the whole block. One known exception comes from
# pairing the last hash with itself: the list `[a, b, c, c]` gives the same root as `[a, b, c]`.
# Bitcoin's nodes reject a block built that way (the weakness is CVE-2012-2459).
#
# In this toy chain (see the datasheet) a parent is `sha256d_hex(left + right)`, the two hex
# strings joined as text; a block with one transaction has that transaction's id as its root.
#
# ### Worked example: one level of the tree

# %%
height = int(blocks.loc[blocks["n_tx"] == 3, "height"].iloc[0])   # a block with 3 transactions
block_txids = (transactions[transactions["block_height"] == height]
               .sort_values("position")["txid"].tolist())
print(len(block_txids), "transactions in block", height)
level = list(block_txids)
level.append(level[-1])                     # 3 is odd: the last id is paired with itself
level = [sha256d_hex(level[0] + level[1]), sha256d_hex(level[2] + level[3])]
print("after level 1:", [h[:16] + "..." for h in level])
root = sha256d_hex(level[0] + level[1])     # 2 hashes: one more pairing gives the root
print("root:         ", root)
print("stored root:  ", blocks.loc[blocks["height"] == height, "merkle_root"].iloc[0])

# %% [markdown]
# Three transactions take two levels: 3 ids (4 with the copy), then 2 hashes, then the root. A
# block with more transactions takes more levels, and a level may be odd again.
#
# ### Exercise BC-2.1 (3 points): `merkle_root`
#
# Write `merkle_root(txids)`: a list of at least one transaction id (hex strings) in block order;
# return the Merkle root as a hex string, by the rule above. Repeat the pairing level by level
# until one hash is left; pair an odd last hash with itself **at every level** where the count is
# odd; one transaction's root is its id. Do not change the list you are given.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc2_merkle_root", "schema_version": 3}
def merkle_root(txids):
    """Return the Merkle root of a list of txids (hex strings), in block order."""
    ### BEGIN SOLUTION
    level = list(txids)
    while len(level) > 1:
        if len(level) % 2 == 1:
            level = level + [level[-1]]
        level = [sha256d_hex(level[i] + level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc2_merkle_root_tests", "schema_version": 3}
def _check_bc2_merkle_root():
    """Check merkle_root on one, two, three and five leaves."""
    from course_checks import returned

    def h(text):
        return sha256d_hex(text)

    a, b, c, d, e = (h(x) for x in "abcde")
    one = returned(merkle_root([a]), "merkle_root([a])")
    assert one == a, f"One transaction's root is its own id; got {one}."
    two = [a, b]
    got = merkle_root(two)
    assert got == h(a + b), (
        "Two ids a and b give sha256d_hex(a + b): join the two hex strings as text, then hash. "
        f"Got {got}."
    )
    assert two == [a, b], "merkle_root changed the list it was given; work on a copy (list(txids))."
    three = [a, b, c]
    got = merkle_root(three)
    assert got == h(h(a + b) + h(c + c)), (
        "Three ids a, b, c: the odd last one is paired with itself, so the root is "
        "sha256d_hex(sha256d_hex(a + b) + sha256d_hex(c + c)). Got " + str(got) + "."
    )
    assert three == [a, b, c], (
        "merkle_root changed the list it was given (an id appended?); work on a copy."
    )
    five = merkle_root([a, b, c, d, e])
    ab, cd, ee = h(a + b), h(c + d), h(e + e)
    want = h(h(ab + cd) + h(ee + ee))
    assert five == want, (
        "Five ids: the second level has three hashes, an odd count again, so its last one is "
        "paired with itself there too. Repeat until one hash is left."
    )
    print("Visible tests passed: merkle_root pairs and hashes level by level.")

    ### BEGIN HIDDEN TESTS
    tx = pd.read_csv("data/chain/transactions.csv")
    stored = pd.read_csv("data/chain/blocks.csv").set_index("height")["merkle_root"]
    wrong = []
    for height, rows in tx.groupby("block_height"):
        if merkle_root(rows.sort_values("position")["txid"].tolist()) != stored[height]:
            wrong.append(int(height))
    assert not wrong, (
        f"merkle_root does not reproduce the stored root of {len(wrong)} blocks, e.g. {wrong[:3]}."
    )
    swapped = merkle_root([b, a])
    assert swapped != merkle_root([a, b]), "The order of the transactions matters."
    ### END HIDDEN TESTS


_check_bc2_merkle_root()
del _check_bc2_merkle_root


# %% [markdown]
# ### Proof of work
#
# Anyone can compute a hash; a **proof of work** makes adding a block costly. A block counts only
# if its hash, read as a 256-bit number, is **below a target**. Here the target is set by
# `difficulty_bits`: the hash must be smaller than 2 to the power (256 - `difficulty_bits`), which
# means it starts with at least that many zero bits. The only way to get there is to try nonces,
# one after another, until a header hashes low enough: with 8 bits, about one nonce in 256 works.
# (Bitcoin's target is far harder and adjusts every 2,016 blocks, so that a block comes about
# every ten minutes.) This is why rewriting old blocks is expensive: every later block's work has
# to be redone.
#
# ### Worked example: does a hash meet the target?

# %%
def meets_target(hash_hex, bits):
    """True if the hash, read as a 256-bit number, is below 2 ** (256 - bits)."""
    return int(hash_hex, 16) < 2 ** (256 - int(bits))


print("Block 5 meets its target:", meets_target(one_block["block_hash"],
                                                  one_block["difficulty_bits"]))
nonce_zero = one_block.copy()
nonce_zero["nonce"] = 0
print("With nonce 0 instead:    ", meets_target(sha256d_hex(header_text(nonce_zero)), 8))
forged_row = forged_chain[forged_chain["height"] == target].iloc[0]
print(f"The forged block {target} of BC-1 meets its target:",
      meets_target(forged_row["block_hash"], forged_row["difficulty_bits"]))

# %% [markdown]
# `int(bits)` matters: a number read from a CSV is a NumPy integer of 64 bits, and 2 to the power
# 248 does not fit in 64 bits; Python's own `int` has no such limit.
#
# ### Exercise BC-2.2 (2 points): `mine`
#
# Write `mine(prev_hash, merkle_root, timestamp, bits)`. Try the nonces 0, 1, 2, ... and return
# the first nonce (a whole number, 0 or more) for which the SHA-256d of the header text
# `1|prev_hash|merkle_root|timestamp|bits|nonce` is below 2 to the power (256 - `bits`). The
# grader accepts **any** nonce that meets the target, not only the smallest one. Keep `bits` small
# (at most about 16): each extra bit doubles the work.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc2_mine", "schema_version": 3}
def mine(prev_hash, merkle_root, timestamp, bits):
    """Return a nonce for which the toy header's SHA-256d is below 2 ** (256 - bits)."""
    ### BEGIN SOLUTION
    nonce = 0
    while True:
        text = f"1|{prev_hash}|{merkle_root}|{timestamp}|{bits}|{nonce}"
        if meets_target(sha256d_hex(text), bits):
            return nonce
        nonce += 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc2_mine_tests", "schema_version": 3}
def _check_bc2_mine():
    """Check that mine returns a nonce meeting the target, whatever nonce it picks."""
    from course_checks import returned

    def valid(prev, root, ts, bits):
        call = f"mine(prev, root, '{ts}', {bits})"
        nonce = returned(mine(prev, root, ts, bits), call)
        assert isinstance(nonce, int) and not isinstance(nonce, bool) and nonce >= 0, (
            f"{call} should return the nonce as a whole number, 0 or more; got {nonce!r}."
        )
        value = int(sha256d_hex(f"1|{prev}|{root}|{ts}|{bits}|{nonce}"), 16)
        assert value < 2 ** (256 - bits), (
            f"{call} returned nonce {nonce}, but the header's SHA-256d is not below "
            f"2 ** (256 - {bits}). Build the header text exactly as "
            "1|prev_hash|merkle_root|timestamp|bits|nonce and use the argument bits."
        )
        return nonce

    prev, root = "0" * 64, sha256d_hex("a block of test transactions")
    valid(prev, root, "2025-03-01T00:00:00Z", 8)
    valid(prev, root, "2025-03-01T02:00:00Z", 12)
    valid(root, prev, "2025-03-01T04:00:00Z", 1)
    # here nonce -1 would meet the target, and nonce 0 does not: a nonce below 0 is not accepted
    valid(prev, root, "2025-05-08T00:00:00Z", 3)
    print("Visible tests passed: mine finds valid nonces.")

    ### BEGIN HIDDEN TESTS
    for k, bits in enumerate([4, 10, 13, 14, 15, 9, 11]):
        valid(sha256d_hex(str(k)), sha256d_hex(str(k + 100)), f"2025-04-0{k + 1}T10:00:00Z", bits)
    ### END HIDDEN TESTS


_check_bc2_mine()
del _check_bc2_mine


# %% [markdown]
# **What these checks prove, and what they do not.** A valid chain proves that the records were
# not changed after the blocks were built on them, and in what order the transactions came. It
# says nothing about **who** made a payment, or why. Those questions start with the next sections.
#
# ## BC-3 UTXO accounting: inputs, outputs, fees and balances (53 min)
#
# ### No accounts, only outputs
#
# A bank statement has a running balance. A Bitcoin-like ledger has none. Each transaction
# **spends** earlier **outputs** whole (its **inputs**) and creates new outputs, each a value paid
# to one address. An output that no input has spent yet is an **unspent transaction output**
# (UTXO). An address's balance is the sum of its unspent outputs; a wallet's balance is the sum
# over all the addresses it controls. Whatever the inputs hold beyond the new outputs is the
# **fee**, which the miner of the block collects. A **coinbase** transaction spends no earlier
# output: it creates new coins (the block reward) and collects the fees. (In Bitcoin it carries
# one placeholder input that points at nothing; this ledger leaves it out, so a coinbase has no
# rows in `inputs.csv`.)
#
# Because outputs are spent whole, a payment usually has a second output that returns the rest to
# the payer, the **change** (a later lesson follows it). `inputs.csv` only says *which* output an
# input spends (`prev_txid`, `prev_vout`); to know the address and value you must **join** it to
# `outputs.csv`. That join is the first thing every tracing tool does.
#
# ### Worked example: the inputs of one transaction

# %%
example_txid = inputs["txid"].value_counts().index[0]   # the transaction with most inputs
its_inputs = inputs[inputs["txid"] == example_txid]
spent = its_inputs.merge(outputs[["txid", "vout", "address", "value_sat"]],
                         left_on=["prev_txid", "prev_vout"], right_on=["txid", "vout"],
                         how="left", suffixes=("", "_spent"))
print(f"Transaction {example_txid[:16]}... spends {len(spent)} outputs "
      f"worth {spent['value_sat'].sum():,} sat in all.")
spent[["txid", "vin", "prev_txid", "prev_vout", "address", "value_sat"]].head()

# %% [markdown]
# `left_on` and `right_on` name the columns that must match; `suffixes` renames the `txid` of
# `outputs` (the transaction that *created* the output) to `txid_spent`, so that `txid` still
# means the spending transaction. `how="left"` keeps every input, even one whose output is
# missing from the table.
#
# ### Exercise BC-3.1 (2 points): `spend_details`
#
# Write `spend_details(inputs, outputs)`. Return a table with **one row per row of `inputs`**, its
# columns `txid`, `vin`, `prev_txid`, `prev_vout` and two more: the `address` and the `value_sat`
# of the output each input spends. An input whose output is not in `outputs` keeps its row, with
# missing values there. Do not change `inputs` or `outputs`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc3_spend_details", "schema_version": 3}
def spend_details(inputs, outputs):
    """Return inputs with the address and value_sat of the output each one spends."""
    ### BEGIN SOLUTION
    created = outputs[["txid", "vout", "address", "value_sat"]].rename(
        columns={"txid": "prev_txid", "vout": "prev_vout"})
    return inputs[["txid", "vin", "prev_txid", "prev_vout"]].merge(
        created, on=["prev_txid", "prev_vout"], how="left")
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc3_spend_details_tests", "schema_version": 3}
def _check_bc3_spend_details():
    """Check spend_details on a tiny ledger."""
    from course_checks import table_of, unchanged

    outs = pd.DataFrame({
        "txid": ["t1", "t1", "t2", "t3"], "vout": [0, 1, 0, 0],
        "address": ["SYN-A", "SYN-B", "SYN-C", "SYN-D"], "value_sat": [700, 300, 500, 900],
    })
    ins = pd.DataFrame({
        "txid": ["t2", "t3", "t3", "t4"], "vin": [0, 0, 1, 0],
        "prev_txid": ["t1", "t1", "t2", "t9"], "prev_vout": [1, 0, 0, 0],
    }, index=[10, 11, 12, 13])
    ins_before, outs_before = ins.copy(), outs.copy()
    call = "spend_details(ins, outs)"
    got = table_of(spend_details(ins, outs), call)
    for column in ["txid", "vin", "prev_txid", "prev_vout", "address", "value_sat"]:
        assert column in got.columns, f"{call} should have a column {column!r}; it has {list(got.columns)}."
    assert len(got) == 4, (
        f"{call} should have one row per input (4); it has {len(got)}. Keep the input whose "
        "output is missing (how='left'), and join on both prev_txid and prev_vout."
    )
    pairs = {(t, v): (a, x) for t, v, a, x in zip(got["txid"], got["vin"], got["address"],
                                                  got["value_sat"])}
    assert pairs[("t2", 0)] == ("SYN-B", 300), (
        "Input 0 of t2 spends output 1 of t1 (SYN-B, 300 sat). Match prev_txid to the output's "
        f"txid and prev_vout to its vout; got {pairs[('t2', 0)]}."
    )
    assert pairs[("t3", 1)] == ("SYN-C", 500), (
        f"Input 1 of t3 spends output 0 of t2 (SYN-C, 500 sat); got {pairs[('t3', 1)]}."
    )
    assert pd.isna(pairs[("t4", 0)][1]), (
        "Input 0 of t4 spends an output that is not in the table: its value should be missing."
    )
    unchanged(ins_before, ins, call, "Do not add columns to `inputs`; return a new table.")
    unchanged(outs_before, outs, call, "Rename columns on a copy, not on `outputs` itself.")
    print("Visible tests passed: spend_details joins each input to the output it spends.")

    ### BEGIN HIDDEN TESTS
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    got = spend_details(full_in, full_out)
    assert len(got) == len(full_in), "On the ledger, one row per input is expected."
    key = dict(zip(zip(full_out["txid"], full_out["vout"]), full_out["value_sat"]))
    want = sum(key[(t, v)] for t, v in zip(full_in["prev_txid"], full_in["prev_vout"]))
    assert int(got["value_sat"].sum()) == want, "On the ledger, the spent values do not add up."
    by_key = dict(zip(zip(got["txid"], got["vin"]), got["address"]))
    addr = dict(zip(zip(full_out["txid"], full_out["vout"]), full_out["address"]))
    bad = [k for k, p in zip(zip(full_in["txid"], full_in["vin"]),
                             zip(full_in["prev_txid"], full_in["prev_vout"]))
           if by_key[k] != addr[p]]
    assert not bad, f"On the ledger, {len(bad)} inputs got the wrong address."
    ### END HIDDEN TESTS


_check_bc3_spend_details()
del _check_bc3_spend_details


# %% [markdown]
# ### Worked example: what one transaction paid, and to whom

# %%
paid = outputs[outputs["txid"] == example_txid]
print(f"In: {spent['value_sat'].sum():,} sat; out: {paid['value_sat'].sum():,} sat; "
      f"fee: {spent['value_sat'].sum() - paid['value_sat'].sum():,} sat.")
paid[["vout", "address", "value_sat"]]

# %% [markdown]
# ### Exercise BC-3.2 (3 points): `tx_fees`
#
# Write `tx_fees(inputs, outputs)`. Return a Series labeled by `txid` with the **fee** of every
# transaction that has inputs: the value of the outputs it spends minus the value of the outputs it
# creates, in sat (zero or more on a valid ledger). Coinbase transactions have no inputs: leave them
# out (they pay no fee; they collect the fees). Use `spend_details`. Do not change `inputs` or
# `outputs`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc3_tx_fees", "schema_version": 3}
def tx_fees(inputs, outputs):
    """Return a Series: for each transaction with inputs, value spent minus value created (sat)."""
    ### BEGIN SOLUTION
    spent_in = spend_details(inputs, outputs).groupby("txid")["value_sat"].sum()
    created = outputs.groupby("txid")["value_sat"].sum()
    return (spent_in - created).dropna()
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc3_tx_fees_tests", "schema_version": 3}
def _check_bc3_tx_fees():
    """Check tx_fees on a tiny ledger with a coinbase."""
    from course_checks import unchanged, values_of

    outs = pd.DataFrame({
        "txid": ["cb", "t1", "t1", "t2", "t2", "t2"], "vout": [0, 0, 1, 0, 1, 2],
        "address": ["SYN-M", "SYN-A", "SYN-B", "SYN-C", "SYN-D", "SYN-E"],
        "value_sat": [5000, 3000, 1900, 1000, 1500, 200],
    })
    ins = pd.DataFrame({"txid": ["t1", "t2", "t2"], "vin": [0, 0, 1],
                        "prev_txid": ["cb", "t1", "t1"], "prev_vout": [0, 0, 1]},
                       index=[7, 8, 9])
    ins_before, outs_before = ins.copy(), outs.copy()
    call = "tx_fees(ins, outs)"
    fees = values_of(tx_fees(ins, outs), call, "a Series labeled by txid")
    assert "cb" not in fees, (
        f"{call} has a fee for the coinbase 'cb', which has no inputs: leave it out (got "
        f"{fees['cb']})."
    )
    assert set(fees) == {"t1", "t2"}, f"{call} should have fees for t1 and t2; got {sorted(fees)}."
    assert fees["t1"] == 100, (
        f"t1 spends 5,000 sat and creates 3,000 + 1,900: its fee is 100 sat, got {fees['t1']}. "
        "Fee = value of the inputs minus value of the outputs (not the other way round)."
    )
    assert fees["t2"] == 2200, (
        f"t2 spends both outputs of t1 (3,000 + 1,900) and creates 1,000 + 1,500 + 200: fee "
        f"2,200 sat; got {fees['t2']}. Add up all the inputs and all the outputs of a transaction."
    )
    unchanged(ins_before, ins, call)
    unchanged(outs_before, outs, call)
    print("Visible tests passed: tx_fees subtracts what a transaction creates from what it spends.")

    ### BEGIN HIDDEN TESTS
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    value = dict(zip(zip(full_out["txid"], full_out["vout"]), full_out["value_sat"]))
    spent_by = {}
    for t, p, v in zip(full_in["txid"], full_in["prev_txid"], full_in["prev_vout"]):
        spent_by[t] = spent_by.get(t, 0) + value[(p, v)]
    made = full_out.groupby("txid")["value_sat"].sum().to_dict()
    want = {t: s - made.get(t, 0) for t, s in spent_by.items()}
    got = values_of(tx_fees(full_in, full_out), "tx_fees(inputs, outputs)", "a Series by txid")
    assert set(got) == set(want), (
        f"On the ledger, expected fees for the {len(want)} transactions with inputs; got "
        f"{len(got)}."
    )
    bad = [t for t in want if got[t] != want[t]]
    assert not bad, f"On the ledger, {len(bad)} fees are wrong, e.g. {bad[:2]}."
    ### END HIDDEN TESTS


_check_bc3_tx_fees()
del _check_bc3_tx_fees


# %% [markdown]
# A check you can make yourself: in every block, the coinbase output should be the block reward
# plus the fees of the block's other transactions. The toy chain's reward is 312,500,000 sat
# (3.125 coins, Bitcoin's reward since April 2024).

# %%
fees = tx_fees(inputs, outputs)
per_block = transactions.assign(fee=transactions["txid"].map(fees).fillna(0))
coinbase_value = outputs[outputs["txid"].isin(transactions.loc[transactions["is_coinbase"],
                                                                "txid"])]
coinbase_value = coinbase_value.groupby("txid")["value_sat"].sum()
check = per_block.groupby("block_height").agg(fees=("fee", "sum"))
check["coinbase"] = (transactions[transactions["is_coinbase"]]
                     .set_index("block_height")["txid"].map(coinbase_value))
check["reward"] = (check["coinbase"] - check["fees"]).astype(int)
print("Reward per block (sat), counted over all blocks but the genesis block:")
print(check["reward"].iloc[1:].value_counts())

# %% [markdown]
# ### Exercise BC-3.3 (2 points): `unspent_outputs`
#
# Write `unspent_outputs(inputs, outputs)`. Return the rows of `outputs` (all its columns) that **no
# row of `inputs` spends**: no input has that output's `txid` as its `prev_txid` **and** its `vout`
# as its `prev_vout`. Work it out from `inputs`: do not use the `spent_by_txid` column, which an
# export from another tool may not have (the tests give tables without it). Keep `outputs`' row
# labels (index). Do not change `inputs` or `outputs`.
#
# *Hint:* a merge with `indicator=True` marks each row as `"both"` or `"left_only"`; or build a set
# of `(prev_txid, prev_vout)` pairs and test each output's `(txid, vout)` against it.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc3_unspent_outputs", "schema_version": 3}
def unspent_outputs(inputs, outputs):
    """Return the rows of outputs that no input spends."""
    ### BEGIN SOLUTION
    spent_pairs = set(zip(inputs["prev_txid"], inputs["prev_vout"]))
    is_unspent = [pair not in spent_pairs for pair in zip(outputs["txid"], outputs["vout"])]
    return outputs[is_unspent]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc3_unspent_outputs_tests", "schema_version": 3}
def _check_bc3_unspent_outputs():
    """Check unspent_outputs on a tiny ledger."""
    from course_checks import table_of, unchanged

    outs = pd.DataFrame({
        "txid": ["t1", "t1", "t2", "t2", "t3"], "vout": [0, 1, 0, 1, 0],
        "address": ["SYN-A", "SYN-B", "SYN-A", "SYN-C", "SYN-B"],
        "value_sat": [700, 300, 250, 40, 100],
    }, index=[50, 51, 52, 53, 54])
    ins = pd.DataFrame({"txid": ["t2", "t3"], "vin": [0, 0],
                        "prev_txid": ["t1", "t2"], "prev_vout": [0, 1]})
    ins_before, outs_before = ins.copy(), outs.copy()
    call = "unspent_outputs(ins, outs)"
    got = table_of(unspent_outputs(ins, outs), call)
    pairs = set(zip(got["txid"], got["vout"]))
    assert ("t1", 0) not in pairs, "Output 0 of t1 is spent by t2: it is not unspent."
    assert ("t1", 1) in pairs, (
        "Output 1 of t1 is not spent: t3 spends output 1 of t2, not of t1. Match the txid "
        "and the vout together."
    )
    assert ("t2", 0) in pairs, (
        "Output 0 of t2 is not spent: t3 spends output 1 of t2. Match the txid and the vout "
        "together."
    )
    assert pairs == {("t1", 1), ("t2", 0), ("t3", 0)}, (
        f"Expected the outputs (t1, 1), (t2, 0) and (t3, 0); got {sorted(pairs)}."
    )
    assert set(got.index) == {51, 52, 54}, (
        "Keep the row labels of `outputs` (here 51, 52, 54); do not reset the index."
    )
    assert list(got.columns) == list(outs.columns), "Return all the columns of `outputs`."
    unchanged(ins_before, ins, call)
    unchanged(outs_before, outs, call)
    print("Visible tests passed: unspent_outputs keeps what no input spends.")

    ### BEGIN HIDDEN TESTS
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    got = unspent_outputs(full_in, full_out.drop(columns=["spent_by_txid", "spent_by_vin"]))
    want = set(full_out.index[full_out["spent_by_txid"].isna()])
    assert set(got.index) == want, (
        f"On the ledger, expected {len(want)} unspent outputs; got {len(got)}."
    )
    assert len(unspent_outputs(full_in.iloc[0:0], outs)) == 5, "With no inputs, nothing is spent."
    ### END HIDDEN TESTS


_check_bc3_unspent_outputs()
del _check_bc3_unspent_outputs


# %% [markdown]
# ### Exercise BC-3.4 (2 points): `balance`
#
# Write `balance(inputs, outputs, address)`: the balance of one address, in sat, as a whole
# number: the total value of its **unspent** outputs (use `unspent_outputs`). An address with no
# unspent output has a balance of 0. Outputs the address received and later spent do **not**
# count: the coins have gone. Do not change `inputs` or `outputs`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc3_balance", "schema_version": 3}
def balance(inputs, outputs, address):
    """Return the total value_sat of the unspent outputs paid to `address`."""
    ### BEGIN SOLUTION
    utxos = unspent_outputs(inputs, outputs)
    return int(utxos.loc[utxos["address"] == address, "value_sat"].sum())
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc3_balance_tests", "schema_version": 3}
def _check_bc3_balance():
    """Check balance on a tiny ledger."""
    from course_checks import returned, unchanged

    outs = pd.DataFrame({
        "txid": ["t1", "t1", "t2", "t2", "t3"], "vout": [0, 1, 0, 1, 0],
        "address": ["SYN-A", "SYN-B", "SYN-A", "SYN-C", "SYN-B"],
        "value_sat": [700, 300, 250, 40, 100],
    })
    ins = pd.DataFrame({"txid": ["t2", "t3"], "vin": [0, 0],
                        "prev_txid": ["t1", "t2"], "prev_vout": [0, 1]})
    ins_before, outs_before = ins.copy(), outs.copy()
    a = returned(balance(ins, outs, "SYN-A"), 'balance(ins, outs, "SYN-A")')
    assert a == 250, (
        f"SYN-A received 700 (spent by t2) and 250 (unspent): its balance is 250; got {a}. Count "
        "only unspent outputs."
    )
    b = balance(ins, outs, "SYN-B")
    assert b == 400, f"SYN-B has two unspent outputs, 300 and 100: balance 400; got {b}."
    c = balance(ins, outs, "SYN-C")
    assert c == 0, f"SYN-C's only output (40) was spent by t3: balance 0; got {c}."
    z = balance(ins, outs, "SYN-Z")
    assert z == 0, f"An address with no outputs has a balance of 0; got {z}."
    assert float(a) == int(a), "Return a whole number of sat."
    unchanged(ins_before, ins, "balance")
    unchanged(outs_before, outs, "balance")
    print("Visible tests passed: balance adds up an address's unspent outputs.")

    ### BEGIN HIDDEN TESTS
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    unspent = full_out[full_out["spent_by_txid"].isna()]
    for address in list(full_out["address"].value_counts().index[:3]) + [
            unspent["address"].iloc[0], full_out["address"].iloc[-1]]:
        want = int(unspent.loc[unspent["address"] == address, "value_sat"].sum())
        got = balance(full_in, full_out, address)
        assert got == want, f"On the ledger, {address} should have {want} sat; got {got}."
    ### END HIDDEN TESTS


_check_bc3_balance()
del _check_bc3_balance


# %%
# The whole ledger (not graded): all coins ever created are either unspent or paid as fees.
utxo = unspent_outputs(inputs, outputs)
coinbase_total = outputs.loc[outputs["txid"].isin(
    transactions.loc[transactions["is_coinbase"], "txid"]), "value_sat"].sum()
new_coins = int(coinbase_total - fees.sum())  # a coinbase pays out new coins plus the block's fees
print(f"Unspent: {utxo['value_sat'].sum():,} sat in {len(utxo):,} outputs "
      f"on {utxo['address'].nunique():,} addresses.")
print(f"New coins ever created: {new_coins:,} sat (coinbase outputs minus all the fees, which "
      "they passed on to the miners).")
top = utxo.groupby("address")["value_sat"].sum().nlargest(5) / SAT_PER_COIN
top.rename("balance (coins)").to_frame()

# %% [markdown]
# The two totals are equal: no coin appears or disappears between the coinbase and the last
# unspent output. The biggest balances usually belong to services, an exchange's hot wallet for
# instance, not to one person. An address is not a person, and a person can hold thousands of addresses. Which
# addresses belong together is the question of BC-4.
#
# ## BC-4 Clustering addresses, and what a CoinJoin does to it (59 min)
#
# ### Common-input ownership
#
# To spend an output, a wallet must sign with the key of the address that holds it. A transaction
# with inputs from several addresses therefore needed every one of their keys, so, usually, one
# owner. This is the **common-input-ownership heuristic** (CIOH), the first heuristic of
# Meiklejohn et al., *A Fistful of Bitcoins* (IMC 2013); Reid and Harrigan applied it earlier
# (arXiv:1107.4524). Linking input addresses transaction by transaction, and then following the
# links, groups addresses into **clusters**, each a presumed owner. On the 2013 Bitcoin chain it
# turned about 12 million public keys into about 5.6 million clusters. Open tools compute it this
# way; GraphSense, for example, uses this heuristic alone to define its entities.
#
# It is a **heuristic**: usually right, sometimes wrong, and a defense expert will ask how often.
# The best-known way it fails is the **CoinJoin**: several people agree to build one transaction
# together, each bringing their own inputs and each receiving an output of the **same value**, so
# that an outsider cannot tell which output belongs to whom. Its inputs have several owners, and
# CIOH wrongly merges them all. Large analyses have produced "superclusters" of hundreds of millions
# of addresses this way. How often CIOH errs depends on the wallets people use; this course
# gives no single error rate, because it could not check the published simulation figures
# against their paper.
#
# ### Worked example: clusters as connected components of a graph
#
# Put every address in a graph as a node; for each transaction, draw edges between its input
# addresses. Each connected component is a cluster.

# %%
tiny_in = pd.DataFrame({"txid": ["x1", "x1", "x2", "x2", "x3"],
                        "address": ["A", "B", "B", "C", "D"]})
graph = nx.Graph()
graph.add_nodes_from(["A", "B", "C", "D", "E"])          # E only ever received coins
for _, rows in tiny_in.groupby("txid"):         # one group of rows per transaction
    addresses = list(rows["address"])
    for other in addresses[1:]:
        graph.add_edge(addresses[0], other)
print(list(nx.connected_components(graph)))

# %% [markdown]
# `x1` joins A and B, `x2` joins B and C, so A, B and C are one cluster although A and C never
# appear together. D spent alone and E never spent: each is a cluster of one. An undirected
# `nx.Graph` is the right type here: "spent together" has no direction.
#
# ### Telling a CoinJoin from a batch payout
#
# Equal output values alone do not make a CoinJoin. A business paying ten employees or
# affiliates the same amount in one transaction (a **batch payout**) also has many equal outputs,
# and it has **one** owner, so CIOH is right about it. The difference is who brings the inputs: in
# a CoinJoin each participant brings at least one input of their own and receives one equal
# output, so the equal outputs are **no more** than the distinct input addresses. A batch payout
# pays many people from a few of its own coins: more equal outputs than input addresses. This is
# the idea behind the participant count of BlockSci's CoinJoin heuristic and the equal-output
# ("denomination") rules that GraphSense uses to filter CoinJoins before clustering. Real
# detectors add protocol details (fixed pool sizes, dust limits, fee patterns) and still make
# mistakes; ours is a simplified teaching version.
#
# ### Exercise BC-4.1 (3 points): `equal_output_coinjoins`
#
# Write `equal_output_coinjoins(inputs, outputs, min_equal=3)`. Return the **set of txids** of the
# transactions in which:
#
# 1. the most common output value occurs **at least `min_equal` times**, and
# 2. that count is **no more than the number of distinct addresses** among the transaction's
#    inputs (use `spend_details`).
#
# Coinbase transactions (no inputs) are never flagged. Do not change `inputs` or `outputs`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc4_coinjoins", "schema_version": 3}
def equal_output_coinjoins(inputs, outputs, min_equal=3):
    """Return the set of txids that look like a CoinJoin by the equal-output rule."""
    ### BEGIN SOLUTION
    senders = spend_details(inputs, outputs).groupby("txid")["address"].nunique()
    most_common = outputs.groupby(["txid", "value_sat"]).size().groupby("txid").max()
    frame = pd.DataFrame({"senders": senders, "equal": most_common})
    flagged = frame[(frame["equal"] >= min_equal) & (frame["equal"] <= frame["senders"])]
    return set(flagged.index)
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc4_coinjoins_tests", "schema_version": 3}
def _check_bc4_coinjoins():
    """Check equal_output_coinjoins on a tiny ledger with a CoinJoin and a batch payout."""
    from course_checks import ids_of, unchanged

    funding = [f"f{i}" for i in range(1, 13)]
    outs = pd.DataFrame({
        "txid": funding + ["mix"] * 3 + ["batch"] * 5 + ["same"] * 3 + ["cb"] * 3 + ["four"] * 5,
        "vout": [0] * 12 + [0, 1, 2] + [0, 1, 2, 3, 4] + [0, 1, 2] + [0, 1, 2] + [0, 1, 2, 3, 4],
        "address": (["SYN-P", "SYN-Q", "SYN-R", "SYN-S", "SYN-S", "SYN-T", "SYN-S", "SYN-U",
                     "SYN-V", "SYN-W", "SYN-X", "SYN-S"]
                    + ["SYN-m1", "SYN-m2", "SYN-m3"]
                    + ["SYN-b1", "SYN-b2", "SYN-b3", "SYN-b4", "SYN-S"]
                    + ["SYN-s1", "SYN-s2", "SYN-s3"] + ["SYN-c1", "SYN-c2", "SYN-c3"]
                    + ["SYN-k1", "SYN-k2", "SYN-k3", "SYN-k4", "SYN-k5"]),
        "value_sat": ([5000] * 12 + [4900, 4900, 4900] + [1000, 1000, 1000, 1000, 900]
                      + [1600, 1600, 1600] + [10, 10, 10] + [700, 700, 700, 700, 1000]),
    })
    # mix: three inputs from three addresses. batch: one input. same: three inputs, all from
    # the one address SYN-S. four: four inputs from four addresses. cb: a coinbase.
    ins = pd.DataFrame({
        "txid": ["mix", "mix", "mix", "batch", "same", "same", "same", "four", "four", "four",
                 "four"],
        "vin": [0, 1, 2, 0, 0, 1, 2, 0, 1, 2, 3],
        "prev_txid": ["f1", "f2", "f3", "f4", "f5", "f7", "f12", "f8", "f9", "f10", "f11"],
        "prev_vout": [0] * 11,
    })
    ins_before, outs_before = ins.copy(), outs.copy()

    def flagged(**arguments):
        call = "equal_output_coinjoins(ins, outs" + "".join(
            f", {k}={v}" for k, v in arguments.items()) + ")"
        return ids_of(equal_output_coinjoins(ins, outs, **arguments), call, "txids")

    got = flagged()
    assert "mix" in got, (
        "'mix' has three inputs from three addresses and three outputs of 4,900 sat: a CoinJoin "
        "by the rule. Count the most common output value per transaction."
    )
    assert "batch" not in got, (
        "'batch' pays four outputs of 1,000 sat from ONE input address: more equal outputs than "
        "input addresses, so a batch payout, not a CoinJoin. Compare the count with the number of "
        "distinct input addresses."
    )
    assert "same" not in got, (
        "'same' has three inputs, but all from the address SYN-S: one distinct input address, "
        "so its three equal outputs are not a CoinJoin. Count distinct addresses (nunique), not "
        "inputs."
    )
    assert "cb" not in got, "'cb' has no inputs (a coinbase): it is never flagged."
    assert got == {"mix", "four"}, (
        "Expected {'mix', 'four'}: 'four' has four equal outputs of 700 from four input addresses. "
        f"Got {sorted(got)}."
    )
    strict = flagged(min_equal=4)
    assert strict == {"four"}, (
        "With min_equal=4 only 'four' (four equal outputs) is flagged; 'mix' has three. Use the "
        f"argument min_equal. Got {sorted(strict)}."
    )
    unchanged(ins_before, ins, "equal_output_coinjoins")
    unchanged(outs_before, outs, "equal_output_coinjoins")
    print("Visible tests passed: equal_output_coinjoins tells a CoinJoin from a batch payout.")

    ### BEGIN HIDDEN TESTS
    assert flagged(min_equal=5) == set(), "With min_equal=5 nothing in the tiny ledger is flagged."
    assert flagged(min_equal=2) == {"mix", "four"}, (
        "With min_equal=2: 'batch' still has more equal outputs than input addresses."
    )
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    spent = full_in.merge(full_out, left_on=["prev_txid", "prev_vout"],
                          right_on=["txid", "vout"], suffixes=("", "_p"))
    n_addr = spent.groupby("txid")["address"].nunique()
    top = full_out.groupby("txid")["value_sat"].agg(lambda v: v.value_counts().max())
    want = {t for t in n_addr.index if 3 <= top[t] <= n_addr[t]}
    decoys = {t for t in n_addr.index if top[t] >= 3 and top[t] > n_addr[t]}
    got = ids_of(equal_output_coinjoins(full_in, full_out), "equal_output_coinjoins(...)", "txids")
    assert got == want, (
        f"On the ledger, expected {len(want)} CoinJoin(s); got {len(got)}; "
        f"{len(got & decoys)} of them are batch payouts or dust."
    )
    assert len(want) >= 1 and len(decoys) >= 1, "The ledger should have a CoinJoin and decoys."
    ### END HIDDEN TESTS


_check_bc4_coinjoins()
del _check_bc4_coinjoins


# %%
# On the ledger (not graded): what the rule flags, and what plain "3 equal outputs" would flag.
coinjoins = equal_output_coinjoins(inputs, outputs)
most_common = outputs.groupby(["txid", "value_sat"]).size().groupby("txid").max()
naive = set(most_common[most_common >= 3].index) & set(inputs["txid"])
print(f"The rule flags {len(coinjoins)} transaction(s); '3 or more equal outputs' alone "
      f"flags {len(naive)}.")
detail = spend_details(inputs, outputs)
for txid in sorted(naive):
    n_in = detail.loc[detail["txid"] == txid, "address"].nunique()
    outs_here = outputs[outputs["txid"] == txid]
    print(f"{txid[:12]}...  {n_in} input addresses, {len(outs_here)} outputs, most common value "
          f"{outs_here['value_sat'].mode().iloc[0]:,} sat x {most_common[txid]}"
          f"  -> {'CoinJoin' if txid in coinjoins else 'not a CoinJoin by the rule'}")

# %% [markdown]
# Read the lines: the transactions the naive rule adds pay many equal outputs from one or two
# input addresses (a merchant's batch payouts; 546-sat "dust" sent to many addresses). The
# equal-output rule leaves them alone.
#
# ### Exercise BC-4.2 (3 points): `cioh_clusters`
#
# Write `cioh_clusters(inputs, outputs, skip=())`. Return the clusters as a **list of sets** of
# addresses: one set per cluster, every address that appears in `outputs` in exactly one set
# (an address that never spent is a cluster of its own). Two addresses are in one cluster when a
# transaction spends from both, directly or through a chain of such transactions, as in the worked
# example. Transactions whose txid is in `skip` link nothing (their input addresses are not joined
# through them). Do not change `inputs`, `outputs` or `skip`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc4_clusters", "schema_version": 3}
def cioh_clusters(inputs, outputs, skip=()):
    """Return a list of sets of addresses, linked by common-input ownership (txids in skip ignored)."""
    ### BEGIN SOLUTION
    graph = nx.Graph()
    graph.add_nodes_from(outputs["address"])
    details = spend_details(inputs, outputs)
    details = details[~details["txid"].isin(list(skip))]
    for _, rows in details.groupby("txid"):
        addresses = list(rows["address"])
        for other in addresses[1:]:
            graph.add_edge(addresses[0], other)
    return [set(component) for component in nx.connected_components(graph)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc4_clusters_tests", "schema_version": 3}
def _check_bc4_clusters():
    """Check cioh_clusters on a tiny ledger, with and without skipping a CoinJoin."""
    from course_checks import returned, unchanged

    outs = pd.DataFrame({
        "txid": ["f1", "f2", "f3", "f4", "f5", "t1", "t2", "t2", "mix", "mix"],
        "vout": [0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
        "address": ["SYN-A", "SYN-B", "SYN-C", "SYN-D", "SYN-E", "SYN-B", "SYN-G", "SYN-A",
                    "SYN-H", "SYN-J"],
        "value_sat": [100, 200, 300, 400, 500, 290, 650, 40, 450, 450],
    })
    # t1 spends from SYN-A and SYN-B; t2 from SYN-C and SYN-D; 'mix' (a CoinJoin) spends the
    # output of t1 (at SYN-B) and the output of f5 (at SYN-E).
    ins = pd.DataFrame({
        "txid": ["t1", "t1", "t2", "t2", "mix", "mix"],
        "vin": [0, 1, 0, 1, 0, 1],
        "prev_txid": ["f1", "f2", "f3", "f4", "t1", "f5"],
        "prev_vout": [0] * 6,
    })
    ins_before, outs_before = ins.copy(), outs.copy()

    def clusters(**arguments):
        call = "cioh_clusters(ins, outs" + "".join(f", {k}={v!r}" for k, v in arguments.items()) + ")"
        result = returned(cioh_clusters(ins, outs, **arguments), call)
        assert isinstance(result, (list, tuple)) and all(isinstance(c, (set, frozenset))
                                                         for c in result), (
            f"{call} should return a list of sets of addresses; got {type(result).__name__}."
        )
        return {frozenset(c) for c in result}, result

    got, raw = clusters()
    every = set(outs["address"])
    listed = [a for c in raw for a in c]
    assert set(listed) == every and len(listed) == len(every), (
        "Every address in `outputs` should be in exactly one cluster, including addresses that "
        f"never spent (clusters of one). Got {sorted(map(sorted, got))}."
    )
    assert frozenset({"SYN-C", "SYN-D"}) in got, (
        "t2 spends from SYN-C and SYN-D: they are one cluster. Link the input addresses of each "
        "transaction (join inputs to outputs first)."
    )
    assert frozenset({"SYN-A", "SYN-B", "SYN-E"}) in got, (
        "t1 joins SYN-A and SYN-B, and 'mix' joins SYN-B (its output of t1) and SYN-E: A, B and E "
        f"are one cluster when nothing is skipped. Got {sorted(map(sorted, got))}."
    )
    skipped = {"mix"}
    got_skip, _ = clusters(skip=skipped)
    assert skipped == {"mix"}, (
        f"cioh_clusters changed the set `skip` it was given (it is now {skipped}); do not add to it."
    )
    assert frozenset({"SYN-A", "SYN-B"}) in got_skip and frozenset({"SYN-E"}) in got_skip, (
        "With skip={'mix'}, the CoinJoin links nothing: SYN-E is a cluster of its own and A and B "
        f"stay together. Got {sorted(map(sorted, got_skip))}."
    )
    unchanged(ins_before, ins, "cioh_clusters")
    unchanged(outs_before, outs, "cioh_clusters")
    print("Visible tests passed: cioh_clusters links input addresses and can skip transactions.")

    ### BEGIN HIDDEN TESTS
    got_list, _ = clusters(skip=["mix", "t2"])
    assert frozenset({"SYN-C"}) in got_list, "skip may be a list too; t2 then links nothing."
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    spent = full_in.merge(full_out, left_on=["prev_txid", "prev_vout"],
                          right_on=["txid", "vout"], suffixes=("", "_p"))
    for skipped in [set(), set(spent["txid"].value_counts().index[:2])]:
        g = nx.Graph()
        g.add_nodes_from(full_out["address"])
        for t, rows in spent.groupby("txid"):
            if t not in skipped:
                nx.add_path(g, list(rows["address"]))
        want = {frozenset(c) for c in nx.connected_components(g)}
        result = cioh_clusters(full_in, full_out, skip=skipped)
        assert {frozenset(c) for c in result} == want and len(result) == len(want), (
            f"On the ledger (skipping {len(skipped)} transactions), expected {len(want)} clusters; "
            f"got {len(result)}."
        )
    ### END HIDDEN TESTS


_check_bc4_clusters()
del _check_bc4_clusters


# %% [markdown]
# ### Worked example: the same clusters with and without the CoinJoin filter
#
# Take the transaction the rule flagged, and look at the cluster of each of its input addresses:
# once when the CoinJoin links nothing, once when it is treated like any other transaction.

# %%
with_filter = cioh_clusters(inputs, outputs, skip=coinjoins)
without_filter = cioh_clusters(inputs, outputs)
size_with = {a: len(c) for c in with_filter for a in c}
size_without = {a: len(c) for c in without_filter for a in c}

mix_txid = sorted(coinjoins)[0]
participants = sorted(set(detail.loc[detail["txid"] == mix_txid, "address"]))
sizes = pd.DataFrame({"address": participants,
                      "cluster_with_filter": [size_with[a] for a in participants],
                      "cluster_without_filter": [size_without[a] for a in participants]})
print(f"Clusters: {len(with_filter):,} with the filter, {len(without_filter):,} without.")
sizes

# %%
fig, ax = plt.subplots(figsize=(8, 4))
positions = range(len(sizes))
ax.bar([p - 0.2 for p in positions], sizes["cluster_with_filter"], width=0.4,
       color=COLORS[0], label="CoinJoin filtered out", hatch="//", edgecolor="black")
ax.bar([p + 0.2 for p in positions], sizes["cluster_without_filter"], width=0.4,
       color=COLORS[1], label="CoinJoin treated as one owner", edgecolor="black")
ax.set_xticks(list(positions))
ax.set_xticklabels([a[:10] + "..." for a in sizes["address"]], rotation=20)
ax.set_xlabel("Input address of the CoinJoin")
ax.set_ylabel("Addresses in its cluster")
ax.set_title("One CoinJoin merges its participants' clusters")
ax.set_ylim(0, sizes["cluster_without_filter"].max() * 1.35)
ax.legend(loc="upper center", ncol=2)
fig.tight_layout()
plt.show()

# %% [markdown]
# *Description of the chart:* for each input address of the CoinJoin, the left (hatched) bar is
# the size of its cluster when the CoinJoin is filtered out, and the right bar its size when
# the CoinJoin links its inputs; without the filter every participant gets the same, larger,
# cluster.
#
# Without the filter, the participants' separate clusters become **one**. Suppose one of these
# addresses is a trafficking network's, found by following its payments. Without the filter,
# the "network's cluster" now holds the addresses of several people who only joined a privacy
# transaction, and every payment they ever made would be read as the network's. That is how a
# heuristic error becomes an accusation against a real person. Two practical rules follow:
#
# - filter CoinJoins (and other known multi-party transactions) before clustering, and say in
#   your report which rule you used and which transactions it excluded;
# - when two clusters that were separate suddenly merge, find **the transaction that joined
#   them** and look at it before trusting the merge. Harrigan and Fretter (arXiv:1605.06369)
#   note that such merges of large clusters often signal a false positive.
#
# **Discussion (not graded):** your filter is a heuristic too. What would it miss? (A CoinJoin
# whose participants each bring an input of a different value and receive unequal outputs; one
# built by a single person with many addresses to look like a CoinJoin.) What would it flag
# wrongly? How would you say this in a report, so that a defense expert cannot say you hid it?

# %% [markdown]
# ## BC-5 Change outputs and peeling chains (69 min)
#
# ### Which output is the change?
#
# Outputs are spent whole, so most payments have two outputs: the payment, and the **change** that
# goes back to the payer at an address of the payer's own wallet. Telling them apart is the second
# family of heuristics, and it matters: the change is still the payer's money, the payment is not.
# None of the rules is certain; BlockSci, an open-source analysis platform, ships several (the
# change is a fresh address, has the same script type as the inputs, is smaller than every input,
# is not a round number ...) and advises against relying on any one of them "without further
# refinement". We use one: **people pay round amounts, change is whatever is left**. If exactly one
# output is a round number (a multiple of `round_to` sat), it is the payment, and the other is the
# change. If both or neither are round, the rule does not decide: say so, do not guess.
#
# ### Worked example: the round-number rule on one transaction

# %%
def is_round(value, round_to=1000):
    """True if the value is a whole multiple of round_to."""
    return value % round_to == 0


two_out = outputs.groupby("txid").filter(lambda rows: len(rows) == 2)
sample_txid = sorted(set(two_out["txid"]) & set(inputs["txid"]))[0]
sample = outputs[outputs["txid"] == sample_txid][["vout", "address", "value_sat"]]
sample = sample.assign(round_1000=[is_round(v) for v in sample["value_sat"]])
sample

# %% [markdown]
# Read `round_1000`: if one output is round and the other is not, the rule calls the round one the
# payment. Most ordinary payments in this ledger are not round (prices set in dollars and converted
# to coin rarely are), so the rule often says nothing, and that is an honest answer.
#
# ### Exercise BC-5.1 (2 points): `change_output`
#
# Write `change_output(tx_outputs, round_to=1000)`. `tx_outputs` holds the outputs of **one**
# transaction (columns `vout` and `value_sat`, among others). If **exactly one** output is **not** a
# multiple of `round_to` and every other output is, return that output's `vout` (a whole number):
# the change. Otherwise (all round, none round, or two or more not round) return `None`; a
# transaction with only one output has no change to tell from a payment: `None` too. Do not
# change `tx_outputs`. The larger output is not necessarily the change: a payer may spend a coin
# only a little larger than the payment.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc5_change_output", "schema_version": 3}
def change_output(tx_outputs, round_to=1000):
    """Return the vout of the one non-round output if every other output is round, else None."""
    ### BEGIN SOLUTION
    not_round = tx_outputs[tx_outputs["value_sat"] % round_to != 0]
    if len(not_round) == 1 and len(tx_outputs) > 1:
        return int(not_round["vout"].iloc[0])
    return None
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc5_change_output_tests", "schema_version": 3}
def _check_bc5_change_output():
    """Check change_output on hand-made transactions."""
    from course_checks import unchanged

    def outs(*values):
        return pd.DataFrame({"txid": ["t"] * len(values), "vout": list(range(len(values))),
                             "address": [f"SYN-{k}" for k in range(len(values))],
                             "value_sat": list(values)}, index=range(40, 40 + len(values)))

    small_change = outs(7_000_000, 2_461_538)
    before = small_change.copy()
    got = change_output(small_change)
    assert got == 1, (
        "Outputs 7,000,000 (round) and 2,461,538 (not round): the change is vout 1, although it "
        f"is the smaller one. Got {got!r}. Pick the output that is not round, not the larger one."
    )
    assert isinstance(got, int) and not isinstance(got, bool), "Return the vout as a whole number."
    unchanged(before, small_change, "change_output")
    got = change_output(outs(41_377_219, 2_000_000))
    assert got == 0, f"Outputs 41,377,219 and 2,000,000 (round): change is vout 0; got {got!r}."
    got = change_output(outs(1_234_567, 2_345_678))
    assert got is None, f"Neither output is round: the rule does not decide (None); got {got!r}."
    got = change_output(outs(1_000_000, 3_000_000))
    assert got is None, f"Both outputs are round: the rule does not decide (None); got {got!r}."
    got = change_output(outs(1_250_000, 777_777), round_to=100_000)
    assert got is None, (
        "With round_to=100_000, 1,250,000 is not round (not a multiple of 100,000) and neither is "
        f"777,777: None. Got {got!r}. Use the argument round_to."
    )
    got = change_output(outs(1_200_000, 777_777), round_to=100_000)
    assert got == 1, f"With round_to=100_000, 1,200,000 is round: change is vout 1; got {got!r}."
    got = change_output(outs(123_456))
    assert got is None, (
        f"A transaction with one output has no payment to tell the change from: None. Got {got!r}."
    )
    print("Visible tests passed: change_output applies the round-number rule.")

    ### BEGIN HIDDEN TESTS
    assert change_output(outs(5_000, 5_000, 123_456)) == 2, "Two round payments and one change."
    assert change_output(outs(5_000, 123_456, 5_001)) is None, "Two outputs are not round."
    assert change_output(outs(999, 1000)) == 0, "999 is not a multiple of 1,000; 1,000 is."
    mixed = outs(2_461_538, 7_000_000).iloc[::-1]
    assert change_output(mixed) == 0, "The rows may come in any order: return the vout, not a row number."
    ### END HIDDEN TESTS


_check_bc5_change_output()
del _check_bc5_change_output


# %% [markdown]
# ### Peeling chains
#
# A **peeling chain** is what a large amount looks like when it is paid out a piece at a time: a
# transaction with one input and two outputs pays a small amount (the "peel") and sends the rest to
# a new change address; the next transaction spends that change the same way, and so on, often for
# many hops (Kappos et al., *How to Peel a Million*, USENIX Security 2022; BlockSci's
# `isPeelingChain` looks for exactly this shape). Each peel is a lead: where did that piece go? An
# exchange deposit address is the most valuable, because the exchange knows its customer.
#
# ### Worked example: one hop, and the step to the next
#
# Take the first transaction with one input and two outputs, exactly one of them not round (the
# rule's change), whose change has been spent. Then look for the input that spends exactly that
# output (`prev_txid` **and** `prev_vout`): that input's transaction is the next hop.

# %%
n_in_of = inputs.groupby("txid").size()
spent_outputs = set(zip(inputs["prev_txid"], inputs["prev_vout"]))
for one_hop, hop_outputs in outputs.groupby("txid"):
    not_round = hop_outputs[[not is_round(v) for v in hop_outputs["value_sat"]]]
    if n_in_of.get(one_hop, 0) == 1 and len(hop_outputs) == 2 and len(not_round) == 1:
        change_vout = int(not_round["vout"].iloc[0])
        if (one_hop, change_vout) in spent_outputs:
            break
print(hop_outputs[["txid", "vout", "value_sat"]].to_string(index=False))
print("The change is vout", change_vout)
next_input = inputs[(inputs["prev_txid"] == one_hop) & (inputs["prev_vout"] == change_vout)]
next_txid = next_input["txid"].iloc[0]
print("It is spent by", next_txid, "with", int(n_in_of[next_txid]), "input(s); its outputs:")
print(outputs.loc[outputs["txid"] == next_txid, ["vout", "value_sat"]].to_string(index=False))

# %% [markdown]
# If the next transaction again has one input and two outputs and the rule tells its change, it
# is the next hop, and the same step repeats; if not, the chain ends there.
#
# ### Exercise BC-5.2 (3 points): `follow_peels`
#
# Write `follow_peels(inputs, outputs, start_txid, round_to=1000)`. Starting with the transaction
# `start_txid`, repeat:
#
# 1. stop if the transaction does not have exactly **one input and two outputs**;
# 2. find its change with `change_output` (with `round_to`); stop if it returns `None`;
# 3. record the hop: `txid`, `peeled_sat` (the value of the other output, the payment) and
#    `change_sat` (the value of the change);
# 4. find the transaction whose input spends the change (`prev_txid` and `prev_vout` in `inputs`);
#    stop if none does; otherwise go on with it.
#
# Return a table with one row per hop, in chain order, and the columns `txid`, `peeled_sat`,
# `change_sat` (an empty table with these columns if the first transaction is not a hop). Do not
# change `inputs` or `outputs`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc5_follow_peels", "schema_version": 3}
def follow_peels(inputs, outputs, start_txid, round_to=1000):
    """Return a table (txid, peeled_sat, change_sat) of the peeling chain from start_txid."""
    ### BEGIN SOLUTION
    hops = []
    txid = start_txid
    while txid is not None:
        tx_in = inputs[inputs["txid"] == txid]
        tx_out = outputs[outputs["txid"] == txid]
        if len(tx_in) != 1 or len(tx_out) != 2:
            break
        change = change_output(tx_out, round_to)
        if change is None:
            break
        is_change = tx_out["vout"] == change
        hops.append({"txid": txid, "peeled_sat": int(tx_out.loc[~is_change, "value_sat"].iloc[0]),
                     "change_sat": int(tx_out.loc[is_change, "value_sat"].iloc[0])})
        spender = inputs[(inputs["prev_txid"] == txid) & (inputs["prev_vout"] == change)]
        txid = spender["txid"].iloc[0] if len(spender) else None
    return pd.DataFrame(hops, columns=["txid", "peeled_sat", "change_sat"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc5_follow_peels_tests", "schema_version": 3}
def _check_bc5_follow_peels():
    """Check follow_peels on a hand-made chain of four hops that ends in a consolidation."""
    from course_checks import table_of, unchanged

    # p1 -> p2 -> p3 -> p4 follow each other's change; 'c' spends p4's change with a second
    # input; 's' spends p1's peel (not its change); 'q1' has one input and three outputs.
    outs = pd.DataFrame({
        "txid": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4", "p5", "p5", "c", "c", "x", "x",
                 "s", "q1", "q1", "q1"],
        "vout": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 2],
        "address": [f"SYN-{k}" for k in range(18)],
        "value_sat": [2_000_000, 41_377_219, 31_376_373, 10_000_000, 5_005_000, 26_370_681,
                      20_000_000, 6_369_271, 1_111_111, 2_222_222, 3_000_000, 481_234, 50_000,
                      7_777, 1_990_000, 1_000_000, 2_000_000, 345_678],
    })
    ins = pd.DataFrame({
        "txid": ["s", "p1", "p2", "p3", "p4", "p5", "c", "c", "q1"],
        "vin": [0, 0, 0, 0, 0, 0, 0, 1, 0],
        "prev_txid": ["p1", "z", "p1", "p2", "p3", "p4", "p4", "x", "y"],
        "prev_vout": [0, 0, 1, 0, 1, 0, 1, 1, 0],
    }, index=range(200, 209))
    ins_before, outs_before = ins.copy(), outs.copy()
    call = 'follow_peels(ins, outs, "p1")'
    got = table_of(follow_peels(ins, outs, "p1"), call)
    for column in ["txid", "peeled_sat", "change_sat"]:
        assert column in got.columns, f"{call} needs a column {column!r}; it has {list(got.columns)}."
    hops = list(got["txid"])
    assert hops[:2] == ["p1", "p2"], (
        f"The chain starts p1 -> p2 (p2 spends p1's change, vout 1; 's' spends p1's peel, vout 0); "
        f"got {hops}. Follow the input that spends the change: prev_txid AND prev_vout."
    )
    assert hops == ["p1", "p2", "p3", "p4"], (
        "Expected the hops p1, p2, p3, p4: p4's change (6,369,271 at vout 1) is spent by 'c', "
        "which has two inputs (although one of its two outputs is round), so the chain stops "
        "there. p4 pays out 20,000,000, more than its change: the change is not the larger "
        f"output. Got {hops}."
    )
    peeled = dict(zip(got["txid"], got["peeled_sat"]))
    changes = dict(zip(got["txid"], got["change_sat"]))
    assert peeled["p1"] == 2_000_000 and changes["p1"] == 41_377_219, (
        f"p1 peels 2,000,000 and keeps 41,377,219 as change; got {peeled['p1']} and {changes['p1']}."
    )
    assert int(got["peeled_sat"].sum()) == 37_005_000, (
        f"The four hops peel 2,000,000 + 10,000,000 + 5,005,000 + 20,000,000 = 37,005,000 sat; got "
        f"{int(got['peeled_sat'].sum())}."
    )
    unchanged(ins_before, ins, call)
    unchanged(outs_before, outs, call)
    none = table_of(follow_peels(ins, outs, "c"), 'follow_peels(ins, outs, "c")')
    assert len(none) == 0 and "peeled_sat" in none.columns, (
        "'c' has two inputs: not a hop, so the result is an empty table with the three columns."
    )
    three = table_of(follow_peels(ins, outs, "q1"), 'follow_peels(ins, outs, "q1")')
    assert len(three) == 0, (
        "'q1' has one input but three outputs (two round, one not): not a hop, so the result is "
        "empty. Check for exactly one input and exactly two outputs."
    )
    short = table_of(follow_peels(ins, outs, "p1", round_to=1_000_000),
                     'follow_peels(ins, outs, "p1", round_to=1_000_000)')
    assert list(short["txid"]) == ["p1", "p2"], (
        "With round_to=1_000_000, p3's outputs 5,005,000 and 26,370,681 are both not round, so "
        f"the chain stops before p3. Got {list(short['txid'])}. Pass round_to on to change_output."
    )
    print("Visible tests passed: follow_peels follows the change from hop to hop.")

    ### BEGIN HIDDEN TESTS
    end = table_of(follow_peels(ins, outs, "p4"), 'follow_peels(ins, outs, "p4")')
    assert list(end["txid"]) == ["p4"], "From p4 the chain has one hop."
    unspent = table_of(follow_peels(ins, outs, "p5"), 'follow_peels(ins, outs, "p5")')
    assert len(unspent) == 0, "p5: neither output is round, so it is not a hop."
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    n_in = full_in.groupby("txid").size()
    n_out = full_out.groupby("txid").size()
    by_tx = dict(tuple(full_out.groupby("txid")))
    spender = dict(zip(zip(full_in["prev_txid"], full_in["prev_vout"]), full_in["txid"]))

    def expected(txid):
        rows = []
        while txid is not None and n_in.get(txid, 0) == 1 and n_out.get(txid, 0) == 2:
            tx_out = by_tx[txid]
            flags = (tx_out["value_sat"] % 1000 != 0).tolist()
            if sum(flags) != 1:
                break
            change = int(tx_out["vout"].iloc[flags.index(True)])
            rows.append((txid, int(tx_out["value_sat"].iloc[flags.index(False)])))
            txid = spender.get((txid, change))
        return rows

    starts = [t for t in n_in.index if n_in[t] == 1 and n_out.get(t, 0) == 2]
    longest = max(starts, key=lambda t: (len(expected(t)), t))
    want = expected(longest)
    got = follow_peels(full_in, full_out, longest)
    assert list(got["txid"]) == [t for t, _ in want], (
        f"On the ledger, the longest chain has {len(want)} hops; got {len(got)}."
    )
    assert int(got["peeled_sat"].sum()) == sum(v for _, v in want), (
        "On the ledger, the total peeled is wrong."
    )
    ### END HIDDEN TESTS


_check_bc5_follow_peels()
del _check_bc5_follow_peels


# %% [markdown]
# ### Worked example: find the chains in the ledger and draw the longest
#
# Every transaction that is a hop but whose input was not created by a hop is where a chain starts.
# We follow each and keep the longest.

# %%
n_inputs = inputs.groupby("txid").size()
n_outputs = outputs.groupby("txid").size()
hop_shaped = [t for t in n_inputs.index if n_inputs[t] == 1 and n_outputs.get(t, 0) == 2]
made_by = dict(zip(inputs["txid"], inputs["prev_txid"]))
starts = [t for t in hop_shaped if made_by[t] not in set(hop_shaped)]
chains = {t: follow_peels(inputs, outputs, t) for t in starts}
longest_start = max(chains, key=lambda t: len(chains[t]))
peel_chain = chains[longest_start]
print(f"{len(starts)} possible starts; the longest chain has {len(peel_chain)} hops and peels "
      f"{peel_chain['peeled_sat'].sum():,} sat in all.")
peel_chain

# %%
fig, ax = plt.subplots(figsize=(9, 4))
hop = range(1, len(peel_chain) + 1)
ax.plot(hop, peel_chain["change_sat"] / SAT_PER_COIN, marker="o", color=COLORS[0],
        label="change carried to the next hop")
ax.bar(hop, peel_chain["peeled_sat"] / SAT_PER_COIN, color=COLORS[1], hatch="//",
       edgecolor="black", label="amount peeled off at this hop")
ax.set_xticks(list(hop))
ax.set_xlabel("Hop of the peeling chain")
ax.set_ylabel("Coins")
ax.set_title("The longest peeling chain: what each hop pays out and keeps")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# *Description of the chart:* along the hops of the chain, the line shows the change carried
# forward, falling at each hop, and the hatched bars the round amount paid out at each hop.
#
# Each bar is a lead to follow. Where the peel went is a question for the next step of the
# investigation: tags of known services (an exchange's addresses, the ad site's), and then the
# exchange's own records, which only legal process obtains. Remember what this rests on: one
# change heuristic, on a chain whose amounts were chosen to be round. Real wallets randomize
# change, pay non-round amounts, and send change to an address type that matches the payment;
# every hop you report is a hop *by this rule*, and the report must say so.
#
# ### Worked figure: the transaction graph around the chain
#
# A tracing tool shows the same chain as a **graph**: transactions and outputs are the nodes, the
# money moves along the arrows. The cell below builds it with networkx (its code is folded: click
# the bar on its left to read it) and goes one step beyond the chain: for each peel, the
# transaction that spent it later, with its number of inputs. Run it.

# %% jupyter={"source_hidden": true}
# The transaction graph around the chain (a worked figure, not graded). Squares are
# transactions, circles are outputs; arrows follow the money, labeled in coins.
graph = nx.DiGraph()
first_spend = inputs[inputs["txid"] == peel_chain["txid"].iloc[0]].iloc[0]
funded = outputs[(outputs["txid"] == first_spend["prev_txid"])
                 & (outputs["vout"] == first_spend["prev_vout"])]
n_inputs_of = inputs.groupby("txid").size()
graph.add_node("funding", shape="s", pos=(0, 0), text="fund- ing")
previous, carried = "funding", int(funded["value_sat"].iloc[0])
for hop_no, hop in enumerate(peel_chain.itertuples(), start=1):
    node, peel = f"hop {hop_no}", f"peel {hop_no}"
    graph.add_node(node, shape="s", pos=(hop_no, 0))
    graph.add_node(peel, shape="o", pos=(hop_no, -1))
    graph.add_edge(previous, node, coins=carried / SAT_PER_COIN)
    graph.add_edge(node, peel, coins=hop.peeled_sat / SAT_PER_COIN)
    # one step further: the transaction that spent the peel, and how many inputs it had
    peel_row = outputs[(outputs["txid"] == hop.txid) & (outputs["value_sat"] == hop.peeled_sat)]
    spender = peel_row["spent_by_txid"].iloc[0]
    if pd.notna(spender):
        later = f"{n_inputs_of[spender]} in"
        graph.add_node(f"next {hop_no}", shape="s", pos=(hop_no, -2), text=later)
        graph.add_edge(peel, f"next {hop_no}", coins=None)
    previous, carried = node, hop.change_sat
graph.add_node("last change", shape="o", pos=(len(peel_chain) + 1, 0))
graph.add_edge(previous, "last change", coins=carried / SAT_PER_COIN)

position = nx.get_node_attributes(graph, "pos")
names = {n: graph.nodes[n].get("text", n).replace(" ", "\n") for n in graph}
fig, ax = plt.subplots(figsize=(11, 5.5))
for shape, color, text_color, label in (
        ("s", COLORS[0], "white", "transaction (the funding one, a hop, or the one that "
                                  "spent a peel, with its number of inputs)"),
        ("o", COLORS[1], "black", "output (a peel, or the last change)")):
    nodes = [n for n, d in graph.nodes(data=True) if d["shape"] == shape]
    nx.draw_networkx_nodes(graph, position, nodelist=nodes, node_shape=shape, node_size=1000,
                           node_color=color, edgecolors="black", ax=ax, label=label)
    nx.draw_networkx_labels(graph, position, labels={n: names[n] for n in nodes},
                            font_size=9, font_color=text_color, ax=ax)
nx.draw_networkx_edges(graph, position, node_size=1000, arrowsize=12, ax=ax)
nx.draw_networkx_edge_labels(graph, position, font_size=9, ax=ax, rotate=False,
                             edge_labels={e: f"{c:.3f}" for e, c in
                                          nx.get_edge_attributes(graph, "coins").items() if c})
ax.tick_params(reset=True, top=False, right=False)  # networkx hid the ticks: bring them back
ax.set_xticks(range(len(peel_chain) + 2))
ax.set_xticklabels(["funding"] + [str(h) for h in range(1, len(peel_chain) + 1)] + ["end"])
ax.set_yticks([0, -1, -2])
ax.set_yticklabels(["change path", "peels", "next spend"])
ax.set_ylim(-3.2, 0.5)
ax.set_xlabel("Hop of the peeling chain (time runs left to right)")
ax.set_ylabel("Where the money is")
ax.set_title("The longest peeling chain as a transaction graph (amounts in coins)")
ax.legend(loc="lower center", fontsize=8, markerscale=0.5, ncol=1)
fig.tight_layout()
plt.show()


# %% [markdown]
# *Description of the chart:* the top row is the chain: a square for the transaction that funded
# it, then one square per hop, left to right in time order, joined by arrows labeled with the
# change each hop carries forward (in coins), which falls at every hop and ends in an orange circle,
# the last hop's change (spent later together with many other inputs, which is where the chain can
# no longer be followed by the round-number rule). From each hop an arrow goes down to an orange circle, its
# peel, labeled with the amount peeled. Under a peel that was spent later, a blue square gives the
# number of inputs of the transaction that spent it; a peel with nothing under it is unspent.
#
# Read the bottom row as leads: a peel spent together with several other inputs may have reached a
# service that gathers coins, such as an exchange sweeping its deposit addresses (BC-6), or a
# CoinJoin (BC-4); a peel spent alone may still be in the payer's hands. Which it is, the graph does
# not say.

# %% [markdown]
# ## BC-6 From the chain to an exchange, and the request for its records (93 min)
#
# ### Exchanges are where tracing meets a name
#
# A chain shows addresses; an **exchange** that converts coins to dollars must know its customers
# (in the United States it is a money services business under the Bank Secrecy Act, with
# customer identification and record-keeping duties). Meiklejohn et al. call exchanges the
# chokepoints of the system: money that leaves the chain for a bank account passes through one.
# An exchange gives each customer their own **deposit address**, and from time to time moves the
# coins from all deposit addresses to its **hot wallet** in one transaction (a *sweep*). So:
#
# - an address whose coins are swept into a known hot wallet is, very likely, a deposit address of
#   that exchange (the "deposit-address" heuristic);
# - the exchange can say which customer that deposit address belongs to, and what the customer
#   did next (sold the coins, withdrew dollars to which bank account), but only in answer to
#   **legal process**.
#
# The ledger's attribution tags (`address_tags.csv`) give a hot wallet with its source and
# confidence, in the style of GraphSense TagPacks: an owner's own statement scores 100, a tag from
# a web page 20, a guess by heuristic 10. A tag is evidence with a provenance, not a fact.
#
# ### Worked example: the exchange's hot wallet, by the most reliable tag

# %%
tags = pd.read_csv(DATA + "address_tags.csv")
exchange_tags = tags[tags["category"] == "exchange"].sort_values("confidence", ascending=False)
print(exchange_tags[["address", "label", "source", "confidence", "is_cluster_definer"]])
hot_wallet = exchange_tags["address"].iloc[0]
sweeps_in = outputs[outputs["address"] == hot_wallet]
print(f"\nHot wallet {hot_wallet} (source '{exchange_tags['source'].iloc[0]}') received "
      f"{len(sweeps_in):,} outputs.")

# %% [markdown]
# ### Exercise BC-6.1 (3 points): `deposit_addresses`
#
# Write `deposit_addresses(inputs, outputs, hot_wallets)`. `hot_wallets` is a collection (a list
# or a set) of addresses of an exchange's hot wallet. Return the **set of addresses** that
# provided an input to a transaction with **at least one output to a hot wallet**, leaving out the
# hot-wallet addresses themselves (a hot wallet paying out spends its own coins and sends its
# change back to itself). Use `spend_details`. Do not change `inputs`, `outputs` or `hot_wallets`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc6_deposit_addresses", "schema_version": 3}
def deposit_addresses(inputs, outputs, hot_wallets):
    """Return the set of addresses whose coins went into a transaction paying a hot wallet."""
    ### BEGIN SOLUTION
    hot = set(hot_wallets)
    paying_hot = set(outputs.loc[outputs["address"].isin(hot), "txid"])
    details = spend_details(inputs, outputs)
    senders = set(details.loc[details["txid"].isin(paying_hot), "address"])
    return senders - hot
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc6_deposit_addresses_tests", "schema_version": 3}
def _check_bc6_deposit_addresses():
    """Check deposit_addresses on a tiny ledger with a sweep, a withdrawal and other payments."""
    from course_checks import ids_of, unchanged

    outs = pd.DataFrame({
        "txid": ["a", "b", "c", "d", "sweep", "w", "w", "e", "pay", "h"],
        "vout": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
        "address": ["SYN-D1", "SYN-D2", "SYN-D3", "SYN-U", "SYN-HOT", "SYN-U", "SYN-HOT",
                    "SYN-X", "SYN-Y", "SYN-HOT2"],
        "value_sat": [500, 700, 300, 900, 1190, 400, 780, 800, 790, 90],
    })
    ins = pd.DataFrame({
        "txid": ["sweep", "sweep", "w", "pay", "h"],
        "vin": [0, 1, 0, 0, 0],
        "prev_txid": ["a", "b", "sweep", "e", "c"],
        "prev_vout": [0, 0, 0, 0, 0],
    })
    ins_before, outs_before = ins.copy(), outs.copy()
    hot = ["SYN-HOT"]

    def found(wallets):
        call = f"deposit_addresses(ins, outs, {wallets})"
        return ids_of(deposit_addresses(ins, outs, wallets), call, "addresses")

    got = found(hot)
    assert {"SYN-D1", "SYN-D2"} <= got, (
        "The sweep spends the coins of SYN-D1 and SYN-D2 and pays SYN-HOT: both are deposit "
        f"addresses. Got {sorted(got)}."
    )
    assert "SYN-HOT" not in got, (
        "The withdrawal 'w' spends SYN-HOT's own coins and pays SYN-HOT its change: leave the hot "
        "wallet itself out."
    )
    assert "SYN-X" not in got, (
        "'pay' spends SYN-X's coins but pays SYN-Y, not a hot wallet: SYN-X is not a deposit "
        "address. Keep only transactions with an output to a hot wallet."
    )
    assert got == {"SYN-D1", "SYN-D2"}, f"Expected SYN-D1 and SYN-D2; got {sorted(got)}."
    both = found({"SYN-HOT", "SYN-HOT2"})
    assert both == {"SYN-D1", "SYN-D2", "SYN-D3"}, (
        "With two hot wallets, 'h' (SYN-D3 paying SYN-HOT2) counts too. Use every address in "
        f"hot_wallets. Got {sorted(both)}."
    )
    assert hot == ["SYN-HOT"], "deposit_addresses changed the list hot_wallets; do not add to it."
    unchanged(ins_before, ins, "deposit_addresses")
    unchanged(outs_before, outs, "deposit_addresses")
    print("Visible tests passed: deposit_addresses finds the addresses swept into a hot wallet.")

    ### BEGIN HIDDEN TESTS
    assert found(set()) == set(), "With no hot wallet, there is no deposit address."
    assert found(["SYN-HOT2"]) == {"SYN-D3"}, "Only 'h' pays SYN-HOT2."
    full_in = pd.read_csv("data/chain/inputs.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    tags_ = pd.read_csv("data/chain/address_tags.csv")
    hot_full = set(tags_.loc[(tags_["category"] == "exchange") & (tags_["source"] == "ownership"),
                             "address"])
    paying = set(full_out.loc[full_out["address"].isin(hot_full), "txid"])
    spent = full_in.merge(full_out, left_on=["prev_txid", "prev_vout"],
                          right_on=["txid", "vout"], suffixes=("", "_p"))
    want = set(spent.loc[spent["txid"].isin(paying), "address"]) - hot_full
    got = ids_of(deposit_addresses(full_in, full_out, hot_full), "deposit_addresses(...)",
                 "addresses")
    assert got == want, (
        f"On the ledger, expected {len(want)} deposit addresses; got {len(got)}."
    )
    ### END HIDDEN TESTS


_check_bc6_deposit_addresses()
del _check_bc6_deposit_addresses


# %% [markdown]
# ### Exercise BC-6.2 (2 points): `peels_to`
#
# Write `peels_to(peel_chain, outputs, addresses)`. `peel_chain` is a table like the one
# `follow_peels` returns. Return a table with one row for each hop whose **peeled output** (the
# output that is not the change) went to one of `addresses`, with the columns `txid`, `address`
# and `value_sat`. A hop's peeled output is the output of that transaction whose value is the
# hop's `peeled_sat`. Do not change `peel_chain`, `outputs` or `addresses`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc6_peels_to", "schema_version": 3}
def peels_to(peel_chain, outputs, addresses):
    """Return txid, address, value_sat of the peels in peel_chain that went to `addresses`."""
    ### BEGIN SOLUTION
    peeled = peel_chain[["txid", "peeled_sat"]].merge(
        outputs[["txid", "address", "value_sat"]], left_on=["txid", "peeled_sat"],
        right_on=["txid", "value_sat"])
    wanted = peeled[peeled["address"].isin(list(addresses))]
    return wanted[["txid", "address", "value_sat"]]
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 2, "grade_id": "bc6_peels_to_tests", "schema_version": 3}
def _check_bc6_peels_to():
    """Check peels_to on a hand-made chain."""
    from course_checks import table_of, unchanged

    chain = pd.DataFrame({"txid": ["p1", "p2", "p3"], "peeled_sat": [2_000_000, 10_000_000, 5_000],
                          "change_sat": [8_123_456, 1_234_567, 10_000_000 - 5_000 - 777]})
    outs = pd.DataFrame({
        "txid": ["p1", "p1", "p2", "p2", "p3", "p3", "q"], "vout": [0, 1, 0, 1, 0, 1, 0],
        "address": ["SYN-EX", "SYN-C1", "SYN-C2", "SYN-EX", "SYN-C3", "SYN-EX2", "SYN-EX"],
        "value_sat": [8_123_456, 2_000_000, 1_234_567, 10_000_000, 9_994_223, 5_000, 10_000_000],
    })
    chain_before, outs_before = chain.copy(), outs.copy()
    call = 'peels_to(chain, outs, {"SYN-EX"})'
    wanted = {"SYN-EX"}
    got = table_of(peels_to(chain, outs, wanted), call)
    assert wanted == {"SYN-EX"}, f"{call} changed the set of addresses it was given; do not add to it."
    for column in ["txid", "address", "value_sat"]:
        assert column in got.columns, f"{call} needs a column {column!r}."
    rows = set(zip(got["txid"], got["address"], got["value_sat"]))
    assert ("p1", "SYN-EX", 8_123_456) not in rows, (
        "In p1, SYN-EX received the change (8,123,456), not the peel: only the peeled output "
        "(value peeled_sat) counts."
    )
    assert not any(txid == "q" for txid, _, _ in rows), (
        "Transaction q also pays 10,000,000 to SYN-EX, but q is not a hop of the chain: match each "
        "hop's peeled output by its txid and its value, not by the value alone."
    )
    assert rows == {("p2", "SYN-EX", 10_000_000)}, (
        f"Only hop p2 peels 10,000,000 to SYN-EX; got {sorted(rows)}."
    )
    two = set(table_of(peels_to(chain, outs, ["SYN-EX", "SYN-EX2"]), call)["txid"])
    assert two == {"p2", "p3"}, f"With SYN-EX and SYN-EX2, hops p2 and p3; got {sorted(two)}."
    unchanged(chain_before, chain, call)
    unchanged(outs_before, outs, call)
    print("Visible tests passed: peels_to keeps the peels that reached the given addresses.")

    ### BEGIN HIDDEN TESTS
    none = table_of(peels_to(chain, outs, set()), call)
    assert len(none) == 0, "With no addresses, no hop is kept."
    # on the ledger: a one-hop "chain" whose peel value other transactions also pay
    full_out = pd.read_csv("data/chain/outputs.csv")
    per_tx = full_out.groupby(["txid", "value_sat"]).size().reset_index(name="n")
    single = per_tx[per_tx["n"] == 1]
    shared = single.groupby("value_sat")["txid"].nunique()
    value = int(shared[shared >= 2].index[0])
    txid = sorted(single.loc[single["value_sat"] == value, "txid"])[0]
    receivers = set(full_out.loc[full_out["value_sat"] == value, "address"])
    one_hop = pd.DataFrame({"txid": [txid], "peeled_sat": [value], "change_sat": [1]})
    got = table_of(peels_to(one_hop, full_out, receivers), "peels_to(...)")
    assert set(got["txid"]) == {txid} and len(got) == 1, (
        f"On the ledger, a chain of one hop paying {value:,} sat: one row expected, got {len(got)}."
    )
    ### END HIDDEN TESTS


_check_bc6_peels_to()
del _check_bc6_peels_to


# %%
# The cash-out (not graded): which peels of the chain reached a deposit address of the exchange?
exchange_deposits = deposit_addresses(inputs, outputs, [hot_wallet])
cash_out = peels_to(peel_chain, outputs, exchange_deposits)
cash_out = cash_out.merge(transactions[["txid", "first_seen"]], on="txid")
print(f"{len(exchange_deposits):,} deposit addresses of the exchange; "
      f"{len(cash_out)} peels of the chain went to {cash_out['address'].nunique()} of them, "
      f"{cash_out['value_sat'].sum():,} sat in all.")
cash_out

# %% [markdown]
# ### Worked figure: the money path to the exchange
#
# The cell below (folded, like the graph of BC-5) draws the cash-out table as a path: from each hop
# of the chain to the deposit address it paid, from there to the exchange's sweep that moved the
# coins on, and into the hot wallet. Run it.

# %% jupyter={"source_hidden": true}
# The money path to the exchange (a worked figure, not graded): from each hop of the chain
# that paid a deposit address, to the sweep that moved its coins on, to the hot wallet.
hop_number = {txid: k for k, txid in enumerate(peel_chain["txid"], start=1)}
path, position, rows_of = nx.DiGraph(), {}, {}
for row_no, row in enumerate(cash_out.sort_values("first_seen").itertuples()):
    hop, deposit = f"hop {hop_number[row.txid]}", "deposit " + row.address[:7] + "..."
    spent_by = outputs.loc[(outputs["txid"] == row.txid) & (outputs["address"] == row.address),
                           "spent_by_txid"].iloc[0]
    sweep = "sweep syntx:\n" + spent_by[:6]
    path.add_node(hop, kind="transaction")
    path.add_node(deposit, kind="address")
    path.add_node(sweep, kind="transaction")
    path.add_node("hot wallet", kind="address")
    path.add_edge(hop, deposit,
                  text=f"{row.value_sat / SAT_PER_COIN:.2f} coins\n{row.first_seen[:10]}")
    path.add_edge(deposit, sweep)
    path.add_edge(sweep, "hot wallet")
    position[hop], position[sweep] = (0, -row_no), (2, -row_no)
    rows_of.setdefault(deposit, []).append(-row_no)
for deposit, ys in rows_of.items():
    position[deposit] = (1, sum(ys) / len(ys))
position["hot wallet"] = (3, -(len(cash_out) - 1) / 2)

fig, ax = plt.subplots(figsize=(10, 5))
for kind, shape, color, text_color, label in (
        ("transaction", "s", COLORS[0], "white", "transaction (a hop of the chain, a sweep)"),
        ("address", "o", COLORS[1], "black", "address (a deposit address, the hot wallet)")):
    nodes = [n for n, d in path.nodes(data=True) if d["kind"] == kind]
    nx.draw_networkx_nodes(path, position, nodelist=nodes, node_shape=shape, node_size=1900,
                           node_color=color, edgecolors="black", ax=ax, label=label)
    nx.draw_networkx_labels(path, position, labels={n: n.replace(" ", "\n") for n in nodes},
                            font_size=9, font_color=text_color, ax=ax)
nx.draw_networkx_edges(path, position, node_size=1900, arrowsize=14, ax=ax)
nx.draw_networkx_edge_labels(path, position, font_size=9, rotate=False, ax=ax,
                             edge_labels=nx.get_edge_attributes(path, "text"))
ax.tick_params(bottom=True, labelbottom=True)
ax.set_xticks([0, 1, 2, 3])
ax.set_xticklabels(["peeling chain", "exchange deposit\naddress", "exchange sweep",
                    "exchange hot wallet\n(tag: ownership, 100)"])
ax.set_yticks([])
ax.set_xlabel("Step on the way to the exchange (left to right)")
ax.set_ylabel("Peels in time order, top to bottom")
ax.set_title("The money path from the peeling chain to the exchange")
ax.legend(loc="upper center", fontsize=8, markerscale=0.4, ncol=2, bbox_to_anchor=(0.5, -0.28))
ax.margins(x=0.12, y=0.25)
fig.tight_layout()
plt.show()


# %% [markdown]
# *Description of the chart:* on the left, one blue square for each hop of the peeling chain whose
# peel went to a deposit address of the exchange, top to bottom in time order; each arrow is labeled
# with the amount in coins and the UTC date. The arrows meet at the orange circle of the deposit
# address (one circle per address; a reused address receives several peels). From the deposit
# address, arrows lead to the blue squares of the exchange's sweeps, and from each sweep to the
# orange circle of the hot wallet, tagged by the exchange's own statement (confidence 100).
#
# The path ends at the hot wallet. What happened inside the exchange (whose account was credited,
# what was sold, where the dollars went) is not on the chain: only the exchange's records show it.
#
# These rows are what a request to the exchange is built on: the exchange's name (from the tag, and
# its source), the deposit address or addresses, the transaction ids, the amounts and the dates.
#
# ### What to ask for, and how
#
# What follows is the US federal outline; your prosecutor decides the process in your case.
#
# - **Preserve first.** A preservation request under 18 U.S.C. 2703(f) (for the records the
#   Stored Communications Act covers; otherwise under the exchange's own policy) asks the exchange
#   to keep its records while you obtain legal process. The law keeps them for 90 days, and one
#   renewed request extends that by another 90 days, once. Preservation keeps **records**, not
#   money: it does not freeze the coins or the account. Stopping the funds needs a seizure warrant.
# - **Ask that the customer not be told.** Many exchanges tell their customers about legal process
#   unless they are asked not to, or forbidden to. Ask in writing that the exchange not notify the
#   account holder, and where the Stored Communications Act applies, ask the court for an order
#   under 18 U.S.C. 2705(b) that forbids it. Say why: a warning can make the network move the money,
#   destroy evidence, or move, threaten or punish the people it exploits.
# - **Use the process each record needs.** Under the Stored Communications Act there are three
#   tiers. A **subpoena** reaches basic subscriber records: name, address, session times and
#   durations, the IP addresses used, the means and source of payment (18 U.S.C. 2703(c)(2)). A
#   **court order** under 2703(d), on specific and articulable facts, reaches the other records
#   that are not content (for example a full login and device history). The **content** of messages
#   needs a search warrant (Department of Justice practice since *United States v. Warshak*, 6th
#   Cir. 2010). Records of the money itself (identity documents, deposits, trades,
#   withdrawals, the linked bank account) are a financial business's records, commonly obtained by
#   subpoena. Each exchange's law-enforcement guide says which process it asks for which records:
#   read it before you write.
# - **Federal or state process.** Federal grand jury subpoenas and federal administrative subpoenas
#   (for example under 18 U.S.C. 3486 or 21 U.S.C. 876) are federal tools. A state or local
#   investigator uses the state's process (a state grand jury or prosecutor's subpoena, a state
#   court's order or warrant; the Stored Communications Act accepts these) or works through a task
#   force with federal partners; either way, through a prosecutor. An exchange in another state may
#   ask for process its own courts recognize. An exchange abroad answers to its own country's law:
#   many answer a law-enforcement request directly, others only a mutual legal assistance request
#   (MLAT), which takes months.
# - **Before the account is touched.** Legal process often makes an exchange close or freeze the
#   account, and that alone warns the holder. Ask the exchange to talk to you before it acts on the
#   account (a "keep open" request). Some exchanges will hold funds for a short time when asked, but
#   only a seizure warrant or a restraining order compels it.
# - **What not to ask for.** Do not ask for suspicious activity reports: the exchange may not say
#   whether it filed one (31 U.S.C. 5318(g)(2)); SARs reach law enforcement through FinCEN. The
#   exchange must keep its Bank Secrecy Act records for five years (31 CFR 1010.430), so preservation
#   matters most for what it keeps for less time, such as login, IP address and device logs.
# - **Name every identifier you have:** addresses, txids, amounts, dates and times in UTC, and say
#   why you believe the address is the exchange's (the tag, its source and the sweep into the hot
#   wallet).

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "bc6_request", "schema_version": 3}
# ### Exercise BC-6.3 (written, 4 points): the request to the exchange
#
# Draft, in 150 to 300 words, (1) the preservation request, with the request not to notify the
# customer, and (2) the attachment of a subpoena to the exchange, using the cash-out table above.
# Say what you ask it to preserve and produce, for which identifiers and which period, which
# records would need a court order or a warrant instead, and in one or two sentences why you
# believe these deposit addresses are the exchange's. Name no one: you do not know yet who the
# customer is.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does (one point each):**
#
# 1. **Preservation and non-disclosure:** sent first; asks the exchange to preserve all records
#    of the account(s) holding the listed deposit address(es) for 90 days (one renewal of 90 days
#    possible), says it does not ask for disclosure yet, **and** asks the exchange not to notify
#    the customer (with a 2705(b) order where the Stored Communications Act applies), saying that
#    a tip-off can endanger the people being exploited or lose the money and the evidence. Does
#    not claim that preservation freezes the funds.
# 2. **Identifiers and period:** names the exchange, the deposit address(es), the txids with
#    amounts and UTC dates from the table, and a period that covers them with a margin.
# 3. **Records, each with the right process:** KYC identity and documents, account opening, all
#    deposit addresses of the account, deposits, trades (with prices and fees), fiat withdrawals
#    with the destination bank's routing and account number, by subpoena; basic login records
#    (session times, IP addresses) by subpoena and a fuller login and device history by a 2703(d)
#    order or as the exchange's guide says; no content of communications without a warrant.
#    (Naming the route for an exchange abroad is welcome but not required: this one is in the
#    United States.)
# 4. **Basis:** the exchange tag with its source and confidence, and the sweep of the deposit
#    address(es) into the tagged hot wallet (the deposit-address heuristic), stated as a reason to
#    believe, not as proof; names no person as the account holder.
#
# **Levels**
#
# - **4 points:** all four points above.
# - **3 points:** one of points 2 to 4 missing or vague (for example no period).
# - **2 points:** two missing, a usable subpoena attachment without preservation, one that asks
#   for the content of messages on a subpoena, or **any answer without a request not to notify
#   the customer** (at most 2 points, however good the rest: a tip-off can endanger the people the
#   account is used to exploit, so an answer without it does not meet the objective).
# - **1 point:** a general request ("all information about the suspect") or one that names a person
#   as the account holder before the return.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ### Reading the return
#
# In a real case you would now wait for the exchange. **Write your request above before you go
# on**: the return answers it, and reading the answer first would tell you what to ask for. (In a
# class, your instructor may hand the two files out only after reading your request.) The return
# has two files: `legal_return_kyc.csv` (who holds the account) and `legal_return_activity.csv`
# (what the account did, logins included). Read it as an investigator would: check that every
# deposit in the return is on the chain, and look for deposits your trace did not find.

# %%
kyc = pd.read_csv(DATA + "legal_return_kyc.csv", dtype=str)
activity = pd.read_csv(DATA + "legal_return_activity.csv")
deposits_in_return = activity[activity["activity"] == "crypto_deposit"]
on_chain = deposits_in_return.merge(outputs[["txid", "address", "value_sat"]],
                                    on=["txid", "address", "value_sat"], how="left",
                                    indicator=True)
print("Deposits in the return:", len(deposits_in_return),
      "| found on the chain with the same address and value:",
      int((on_chain["_merge"] == "both").sum()),
      "| also in your cash-out table:", int(deposits_in_return["txid"].isin(cash_out["txid"]).sum()))
withdrawals = activity[activity["activity"] == "fiat_withdrawal"]
print(f"Fiat withdrawals: {withdrawals['usd_amount'].sum():,.2f} USD to",
      sorted(withdrawals["destination"].unique()))
kyc.T

# %% [markdown]
# The activity file also says how the account was used: each sale with its price and fee, each
# withdrawal with the device and IP address of its session, and every login. Count the sessions
# per device:

# %%
sales = activity[activity["activity"] == "trade_sell"].astype({"value_sat": "int64"})
print(sales[["ts", "value_sat", "price_usd_per_coin", "fee_usd", "usd_amount"]]
      .to_string(index=False))
print(withdrawals[["ts", "usd_amount", "device_id", "ip_address"]].to_string(index=False))
sessions = activity[activity["ip_address"].notna()]
sessions.groupby(["device_id", "client"]).agg(
    rows=("activity_id", "size"), ip_addresses=("ip_address", "nunique"),
    first=("ts", "min"), last=("ts", "max"))

# %% [markdown]
# The return names a customer and a linked bank account. That is a **lead**, not a conclusion: it
# says who opened the account and where the dollars went. Whether that person controls the network
# is what the rest of the investigation (the bank's records of that account, in the capstone) has
# to show. The account holder may be a person in a **controlled account**: people who are
# exploited are made to open accounts in their own names, pass the identity checks and move money
# they never keep. Keep that possibility open until the evidence (who logged in, from where, with
# which device, who received the dollars) shows who controls the account, and do not contact the
# account holder before it does. The deposit that is in the return but not in your trace came
# through the CoinJoin: your trace stopped at the mix, the exchange's records did not.
#
# What each field leads to:
#
# - **The bank account** is given as the customer typed it: a routing number and an account
#   number. Only the bank can say which of its accounts that is, in its own answer to legal
#   process. (The numbers here are fictional by construction: no real routing number starts
#   with 5.)
# - **The IP addresses** lead to an internet provider, which can say which subscriber used an
#   address at a given second (another subpoena; times in UTC). These use the ranges reserved
#   for documentation (192.0.2.x, 198.51.100.x, 203.0.113.x), so they belong to no one.
# - **The devices** can be compared with other records: a bank's online-banking log also keeps
#   device identifiers. A second device, or logins from places the holder never went, is a
#   question to answer, not an answer.
# - **The identity document and the addresses** are checked against their issuers' records; the
#   street address on the exchange's file need not be the one the bank holds.
# - **The custodian's certificate** (Federal Rule of Evidence 902(11)) lets the records be
#   admitted as business records without calling the exchange's records custodian as a witness,
#   provided the other side gets reasonable written notice beforehand (the prosecutor gives it);
#   a state case uses the state's own rule. Keep it with the production, and note the production
#   date.

# %% [markdown]
# ## BC-7 Linking ads to payments by time and price (46 min)
#
# The ad site in this case takes the coin: each ad is paid into a one-time deposit address of the
# site, shortly before the ad goes live. The ad's page shows when it was posted and its price; the
# chain shows when each payment was first seen and its value. Portnoff et al. (*Backpage and
# Bitcoin*, KDD 2017) linked sex ads to Bitcoin payments this way: same price, and a payment
# shortly before the posting. Linked payments lead back to the payers' wallets, and the ads of one
# payer show where and when an operation advertised. In this toy ledger prices and times are
# exact, which real data rarely are. But, as on a real site, ads of one tier on one day share a
# price, some ads were held for review and paid long before they went live, and a payer sometimes
# paid for several ads in one sitting: so a payment can fall in another ad's window, and the rules
# for ambiguity matter.
#
# ### Worked example: the ad site's deposit addresses and the payments into them

# %%
ad_site_tags = tags[tags["category"] == "ad_site"].sort_values("confidence", ascending=False)
print(ad_site_tags[["address", "label", "source", "confidence", "is_cluster_definer"]])
ad_site_wallet = ad_site_tags["address"].iloc[0]
ad_deposits = deposit_addresses(inputs, outputs, [ad_site_wallet])   # your BC-6.1, reused
ad_payments = (outputs[outputs["address"].isin(ad_deposits)]
               .merge(transactions[["txid", "first_seen"]], on="txid"))
listings = pd.read_csv(DATA + "ad_listings.csv")
print(f"{len(ad_deposits)} deposit addresses swept into the ad site's wallet; "
      f"{len(ad_payments)} payments into them; {len(listings)} listings.")
ad_payments[["txid", "address", "value_sat", "first_seen"]].head()

# %% [markdown]
# The tag with the highest confidence (`forensic`, 50) is used; the heuristic tag (confidence 10)
# is the one to distrust. Deposits not yet swept at the end of the ledger are missed by this
# route: another reason why a trace is a lower bound.
#
# ### Exercise BC-7.1 (3 points): `match_ads`
#
# Write `match_ads(listings, payments, window_minutes=10)`. `listings` has the columns `ad_id`,
# `posted_at` and `price_sat`; `payments` has `txid`, `value_sat` and `first_seen`. Both times are
# UTC text like `2025-03-01T12:00:00Z`. A payment is a **candidate** for an ad when its
# `value_sat` equals the ad's `price_sat` and it was first seen **at or before** `posted_at` and
# **no more than `window_minutes` minutes before** it (exactly `window_minutes` before counts).
# Return a **dict** from `ad_id` to `txid`, keeping only the unambiguous pairs: the ad has exactly
# one candidate payment, **and** that payment is a candidate for no other ad. Do not change
# `listings` or `payments`.

# %% nbgrader={"grade": false, "solution": true, "locked": false, "grade_id": "bc7_match_ads", "schema_version": 3}
def match_ads(listings, payments, window_minutes=10):
    """Return {ad_id: txid} for the ads with exactly one candidate payment used by no other ad."""
    ### BEGIN SOLUTION
    ads = listings[["ad_id", "posted_at", "price_sat"]].assign(
        posted=pd.to_datetime(listings["posted_at"]))
    paid = payments[["txid", "value_sat", "first_seen"]].assign(
        seen=pd.to_datetime(payments["first_seen"]))
    pairs = ads.merge(paid, left_on="price_sat", right_on="value_sat")
    before = pairs["posted"] - pairs["seen"]
    window = pd.Timedelta(minutes=window_minutes)
    pairs = pairs[(before >= pd.Timedelta(0)) & (before <= window)]
    per_ad = pairs["ad_id"].map(pairs["ad_id"].value_counts())        # candidates per ad
    per_payment = pairs["txid"].map(pairs["txid"].value_counts())     # ads per payment
    unique = pairs[(per_ad == 1) & (per_payment == 1)]
    return dict(zip(unique["ad_id"], unique["txid"]))
    ### END SOLUTION


# %% nbgrader={"grade": true, "solution": false, "locked": true, "points": 3, "grade_id": "bc7_match_ads_tests", "schema_version": 3}
def _check_bc7_match_ads():
    """Check match_ads on hand-made listings and payments."""
    from course_checks import returned, unchanged

    ads = pd.DataFrame({
        "ad_id": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"],
        "posted_at": ["2025-03-01T12:00:00Z", "2025-03-01T13:00:00Z", "2025-03-01T14:00:00Z",
                      "2025-03-01T15:00:00Z", "2025-03-01T16:00:00Z", "2025-03-01T16:03:00Z",
                      "2025-03-01T17:00:00Z", "2025-03-01T18:00:00Z", "2025-03-01T19:00:00Z"],
        "price_sat": [60_406, 70_000, 50_000, 80_000, 90_000, 90_000, 40_000, 30_000, 20_000],
    }, index=range(10, 19))
    pays = pd.DataFrame({
        "txid": ["p1", "p2", "p3", "p4", "p5", "p7a", "p7b", "p8", "p9", "p10"],
        "value_sat": [60_406, 70_000, 50_000, 80_000, 90_000, 40_000, 40_000, 30_000, 30_001,
                      20_000],
        "first_seen": ["2025-03-01T11:55:00Z", "2025-03-01T12:50:00Z", "2025-03-01T14:01:00Z",
                       "2025-03-01T14:49:00Z", "2025-03-01T15:58:00Z", "2025-03-01T16:55:00Z",
                       "2025-03-01T16:57:00Z", "2025-03-01T17:59:59Z", "2025-03-01T17:58:00Z",
                       "2025-03-01T19:00:00Z"],
    })
    ads_before, pays_before = ads.copy(), pays.copy()
    call = "match_ads(ads, pays)"
    got = returned(match_ads(ads, pays), call)
    assert isinstance(got, dict), f"{call} should return a dict {{ad_id: txid}}; got {type(got).__name__}."
    got = {str(k): str(v) for k, v in got.items()}
    assert got.get("A1") == "p1", "A1 (60,406 sat, posted 12:00) was paid 5 minutes before by p1."
    assert got.get("A2") == "p2", (
        "p2 was seen exactly 10 minutes before A2 was posted: that counts (no more than "
        "window_minutes before)."
    )
    assert "A3" not in got, "p3 was seen 1 minute AFTER A3 was posted: not a candidate."
    assert "A4" not in got, "p4 was seen 11 minutes before A4: outside a 10-minute window."
    assert "A5" not in got and "A6" not in got, (
        "p5 (90,000 sat at 15:58) is a candidate for both A5 and A6: ambiguous, so neither is kept."
    )
    assert "A7" not in got, "A7 has two candidate payments (p7a and p7b): ambiguous, not kept."
    assert got.get("A8") == "p8", "A8 (30,000 sat) was paid by p8; p9's value differs by 1 sat."
    assert got.get("A9") == "p10", (
        "p10 was seen at the very second A9 was posted: 'at or before' includes that moment."
    )
    assert got == {"A1": "p1", "A2": "p2", "A8": "p8", "A9": "p10"}, (
        f"Expected A1, A2, A8 and A9; got {got}."
    )
    wide = {str(k): str(v) for k, v in match_ads(ads, pays, window_minutes=15).items()}
    assert wide.get("A4") == "p4", (
        "With window_minutes=15, p4 (11 minutes before A4) is a candidate. Use the argument "
        f"window_minutes. Got {wide}."
    )
    unchanged(ads_before, ads, call)
    unchanged(pays_before, pays, call)
    print("Visible tests passed: match_ads links ads to payments by price and time.")

    ### BEGIN HIDDEN TESTS
    narrow = {str(k): str(v) for k, v in match_ads(ads, pays, window_minutes=1).items()}
    assert narrow == {"A8": "p8", "A9": "p10"}, (
        f"With a 1-minute window only A8 and A9 are matched; got {narrow}."
    )
    listings_ = pd.read_csv("data/chain/ad_listings.csv")
    full_out = pd.read_csv("data/chain/outputs.csv")
    full_tx = pd.read_csv("data/chain/transactions.csv")
    pays_full = full_out.merge(full_tx[["txid", "first_seen"]], on="txid")
    pays_full = pays_full[pays_full["value_sat"].isin(set(listings_["price_sat"]))]
    for minutes in [10, 30]:
        seen = dict(zip(pays_full["txid"], pd.to_datetime(pays_full["first_seen"], utc=True)))
        by_value = pays_full.groupby("value_sat")["txid"].apply(list).to_dict()
        cand = {}
        for ad, posted, price in zip(listings_["ad_id"],
                                     pd.to_datetime(listings_["posted_at"], utc=True),
                                     listings_["price_sat"]):
            cand[ad] = [t for t in by_value.get(price, [])
                        if pd.Timedelta(0) <= posted - seen[t] <= pd.Timedelta(minutes=minutes)]
        uses = {}
        for ts in cand.values():
            for t in ts:
                uses[t] = uses.get(t, 0) + 1
        want = {ad: ts[0] for ad, ts in cand.items() if len(ts) == 1 and uses[ts[0]] == 1}
        got = {str(k): str(v) for k, v in match_ads(listings_, pays_full, minutes).items()}
        assert got == want, (
            f"On the ledger with window_minutes={minutes}, expected {len(want)} matches; got "
            f"{len(got)} ({len(set(got.items()) - set(want.items()))} not expected)."
        )
    ### END HIDDEN TESTS


_check_bc7_match_ads()
del _check_bc7_match_ads


# %% [markdown]
# ### Worked example: which wallets paid for the ads?
#
# Each matched payment was made from some wallet. Group the payers and count the ads per group: a
# wallet that paid for many ads, in several cities, is a lead worth a closer look. First with
# common-input ownership alone (CoinJoin filtered, BC-4):

# %%
matches = match_ads(listings, ad_payments)
details = spend_details(inputs, outputs)
payer = details.drop_duplicates("txid").set_index("txid")["address"]
linked = listings[listings["ad_id"].isin(matches)].copy()
linked["txid"] = linked["ad_id"].map(matches)


def ads_per_wallet(groups):
    """Ads per group of addresses (a list of sets), busiest first."""
    group_of = {a: k for k, c in enumerate(groups) for a in c}
    wallet = linked["txid"].map(payer).map(group_of)
    return (linked.assign(wallet=wallet).groupby("wallet")
            .agg(ads=("ad_id", "size"), cities=("city", "nunique"),
                 first=("posted_at", "min"), last=("posted_at", "max"))
            .sort_values("ads", ascending=False))


by_cioh = ads_per_wallet(with_filter)
print(f"{len(matches)} of {len(listings)} listings matched to a payment. Common-input ownership "
      f"alone: {len(by_cioh)} payer clusters, the busiest with {by_cioh['ads'].iloc[0]} ads.")

# %% [markdown]
# Common-input ownership alone splits a wallet that pays one coin at a time: each payment's change
# goes to a new address, which is linked to nothing until it is spent together with another coin.
# Here a change rule helps that needs no round numbers: in a payment **to the ad site**, the output
# to the site's deposit address is the payment, so the other output is the payer's change. Linking
# each payment's inputs to its change joins the payer's payments one after another:

# %%
wallets = nx.Graph()
for cluster in with_filter:
    nx.add_path(wallets, list(cluster))               # keep the clusters of BC-4
for txid in ad_payments["txid"].unique():
    change_addresses = outputs.loc[(outputs["txid"] == txid)
                                   & ~outputs["address"].isin(ad_deposits), "address"]
    for payer_address in details.loc[details["txid"] == txid, "address"]:
        for change_address in change_addresses:
            wallets.add_edge(payer_address, change_address)
by_wallet = ads_per_wallet(list(nx.connected_components(wallets)))
print(f"With the change links: {len(by_wallet)} payer wallets, the busiest with "
      f"{by_wallet['ads'].iloc[0]} ads in {by_wallet['cities'].iloc[0]} cities.")
by_wallet.head()

# %% [markdown]
# Read the busiest payer's cities and dates next to what you know of the case (the bank's hotel
# payments, in the capstone, follow the same route). Then ask what could make this wrong: two ads
# of the same price whose payments fall in one window (left out as ambiguous, so some ads are
# missed), an ad held for review whose own payment falls outside its window while another ad's
# payment falls inside it (a wrong link the rule cannot see), a payer that is a service paying
# for many customers, a cluster merged by a CoinJoin you
# did not filter, a payment with a second output that is not change but a payment to someone
# else. Each link rule you add finds more and can be wrong in a new way: write each one down
# (BC-8). A payer cluster is a lead to a wallet, not a person; the exchange that funded the
# wallet is the next request.
#
# And the person whose wallet paid is not always the person who profits. Traffickers make the
# people they exploit open accounts, hold wallets and pay for their own ads, so that the money
# trail leads to them. Before a payer is called an advertiser, ask whose money it was, who held
# the keys and the device, and who received the proceeds; a payer may be a person to protect.

# %% [markdown]
# ## BC-8 The limits of tracing, and how to document them (45 min)
#
# Everything in BC-4 and BC-5 is a **heuristic**: a rule that is usually right. Courts and
# defense experts know this. In the Bitcoin Fog case (*United States v. Sterlingov*, No. 21-cr-399
# (RDM), D.D.C.), the court held hearings in 2023 on whether the government's blockchain-analysis
# software and heuristics were reliable enough to be put before a jury, and found that they were
# (memorandum opinion of February 29, 2024). Expect the same
# questions about your own work: which heuristic, on which data, with what error rate, checked
# how.
#
# What limits tracing:
#
# - **Mixers and CoinJoins.** A mixing service or a CoinJoin breaks the link between coins in and
#   coins out; at best a trace continues with a probability, not a certainty. Filtering CoinJoins
#   keeps them from corrupting clusters (BC-4), but it does not follow the money through them.
# - **Privacy coins.** Monero hides the sender among decoys (ring signatures), the receiver behind
#   one-time addresses, and the amounts (RingCT). Early weaknesses allowed many inputs to be
#   traced (Möser et al., PoPETs 2018); later upgrades removed most of them.
# - **Account-based chains.** Ethereum keeps a balance per account; there is no change and
#   common-input ownership does not apply. Other heuristics (deposit addresses of exchanges, for
#   instance) take its place.
# - **Heuristic error.** Every heuristic has an error rate that depends on the wallets in use;
#   simulation studies have measured them, but quote a figure in a report only from a paper you
#   have read, with what it measured (addresses or clusters, in which setting). On this ledger
#   the notebook measured how often the change rule decides and how often it is right. Attribution
#   tags have a source and a confidence too (GraphSense scores an owner's own statement 100 and a
#   heuristic guess 10).
# - **Records beyond the chain.** Where heuristics stop, records can go further: a custodial
#   mixing service that is taken down may leave logs that link what went in to what came out
#   (evidence from a seizure, not an inference); exchanges that send coins to one another pass the
#   sender's and the receiver's details under the FATF "travel rule" (Recommendation 16, as each
#   country adopts it), which legal process can reach. And FinCEN's human-trafficking advisory
#   FIN-2020-A008 names red flags this case shows: frequent payments to foreign-based online
#   classified sites, and prepaid cards turned into cryptocurrency.
# - **Coverage.** A rule that is right when it decides may still decide rarely. Count how often
#   the round-number rule decides at all on this ledger:

# %%
spending_txids = set(inputs["txid"])
two_output_spends = (outputs[outputs["txid"].isin(spending_txids)]
                     .groupby("txid").filter(lambda rows: len(rows) == 2))
not_round_per_tx = (two_output_spends["value_sat"] % 1000 != 0).groupby(
    two_output_spends["txid"]).sum()
print(f"The round-number rule decides {int((not_round_per_tx == 1).sum()):,} of "
      f"{len(not_round_per_tx):,} two-output spends; for the rest it says nothing.")

# %% [markdown]
# Where it decides, it is usually right here (this ledger's peels are round by design); where it
# says nothing, the trace stops, so a trace by this rule is a **lower bound** of where the money
# went. Report both: how often a rule decided, and how it was checked where it did.

# %% [markdown] nbgrader={"task": true, "grade": false, "solution": false, "locked": true, "points": 4, "grade_id": "bc8_limits", "schema_version": 3}
# ### Exercise BC-8.1 (written, 4 points): document your heuristics
#
# Your trace of this ledger used three rules: the equal-output CoinJoin filter, common-input
# ownership, and the round-number change rule. Write the "Methods and limitations" paragraph of
# your report (150 to 250 words). For **each** rule say (a) what it assumes, (b) one concrete way it
# can be wrong on a real chain, and (c) what you did, or would do, to check it independently. End
# with one sentence on what the trace does **not** show about who controls the money.
#
# === BEGIN MARK SCHEME ===
#
# **What a full answer does:**
#
# - **CoinJoin filter:** assumes a CoinJoin has no more equal outputs than input addresses; wrong
#   for CoinJoins with unequal outputs or for one person faking a CoinJoin, and it may flag a
#   payout that happens to fit; check: the flagged transactions listed in an annex, compared with
#   known protocol patterns or a second tool.
# - **Common-input ownership:** assumes one owner signs all inputs; wrong for CoinJoins, shared or
#   custodial wallets and payment services; check: the transaction that joined two clusters is
#   shown and read; clusters compared with tags of known services; a published error rate named
#   if one was read and applies.
# - **Round-number change rule:** assumes payments are round and change is not; wrong when a
#   payment is not round (prices converted from dollars), when change is round by chance, or when
#   wallets randomize; check: the hops confirmed by another heuristic (fresh address, script
#   type), by timing, or by the receiving service's records.
# - **Closing sentence:** addresses and clusters are not people; control is established by records
#   (an exchange's KYC obtained by legal process), devices or statements, not by the trace alone.
#
# **Levels**
#
# - **4 points:** all three rules with an assumption, a concrete failure and a check, and the
#   closing sentence on control.
# - **3 points:** all three rules covered, one of (a)-(c) missing or vague for one rule, or the
#   closing sentence missing.
# - **2 points:** two rules covered well, or all three without concrete failures or checks.
# - **1 point:** heuristics mentioned as fact ("the cluster is the network's wallet") with only
#   general caveats.
# - **0 points:** blank or unrelated.
#
# === END MARK SCHEME ===

# %% [markdown]
# *Write your answer here (double-click to edit).*

# %% [markdown]
# ## Keypoints
#
# - A hash is a fingerprint: the same input always gives the same hash, one changed character
#   changes about half its bits. Verify every block's hash and its link to the block before it;
#   an edited block breaks the next block's link even if it is re-hashed itself.
# - A Merkle root stands for all the transactions of a block; proof of work makes rewriting
#   blocks costly. Both prove integrity and order, not identity.
# - A UTXO ledger has no balances: join inputs to the outputs they spend. Fee = inputs minus
#   outputs; a coinbase has no inputs and pays no fee; a balance counts unspent outputs only.
# - Common-input ownership groups addresses into presumed owners. It is a heuristic: CoinJoins
#   break it, so filter them (a CoinJoin has no more equal outputs than input addresses; a batch
#   payout has more), and document the rule and what it excluded.
# - Change heuristics tell the payer's change from the payment; the round-number rule is one of
#   several, and "cannot tell" is a valid answer. The change is not always the larger output.
# - A peeling chain pays out a large amount a piece at a time; follow the change, note each peel,
#   and treat every peel as a lead to a service that knows its customer.
# - Exchanges sweep customers' deposit addresses into hot wallets; an address swept into a tagged
#   hot wallet is a lead for legal process. Preserve first, then ask for KYC, activity with bank
#   details, and logins, naming every address, txid, amount and date. A return is a lead too.
# - Ads can be linked to payments by exact price and a short time window before posting; leave
#   ambiguous pairs out, and read the payer's ads (cities, dates) as a lead, not a finding.
# - Every heuristic has an error rate. Write down which rules you used, how each can fail and how
#   you checked it; a trace shows addresses and amounts, not who controls them.
#
# ### Before you hand in
#
# 1. **Kernel > Restart Kernel and Run All Cells...** and check that every test cell prints
#    "Visible tests passed".
# 2. Click **Validate** in the toolbar (or run `investigator-course check 02_blockchain_basics`).
# 3. Save the notebook (**File > Save**).
#
# ### Sources
#
# - S. Meiklejohn et al., "A Fistful of Bitcoins: Characterizing Payments Among Men with No
#   Names", *Proceedings of the Internet Measurement Conference* (IMC 2013): common-input
#   ownership (Heuristic 1), change addresses, exchanges as points of control.
# - F. Reid and M. Harrigan, "An Analysis of Anonymity in the Bitcoin System",
#   arXiv:1107.4524 (2011).
# - M. Harrigan and C. Fretter, "The Unreasonable Effectiveness of Address Clustering",
#   arXiv:1605.06369 (2016).
# - H. Kalodner et al., "BlockSci: Design and applications of a blockchain analysis platform",
#   USENIX Security 2020, and its CoinJoin heuristic (`isCoinjoin`).
# - GraphSense (open-source cryptoasset analytics, MIT license): entities by common-input
#   ownership; CoinJoin filtering before clustering.
# - S. Nakamoto, "Bitcoin: A Peer-to-Peer Electronic Cash System" (2008): chained blocks, proof
#   of work, Merkle trees.
# - G. Kappos et al., "How to Peel a Million: Validating and Expanding Bitcoin Clusters", USENIX
#   Security 2022: peeling chains.
# - BlockSci documentation, change-address heuristics (`docs/reference/heuristics/change.rst`)
#   and `isPeelingChain`.
# - Meiklejohn et al. (above), section 5: exchanges as chokepoints. GraphSense TagPack schema and
#   confidence scale (`graphsense-tagpack-tool`).
# - Preservation of records by providers of electronic communication or remote computing
#   services: 18 U.S.C. 2703(f). Exchanges as money services businesses: FinCEN, guidance
#   FIN-2019-G001 (9 May 2019), and the Bank Secrecy Act rules for money services businesses,
#   31 CFR Part 1022.
# - R. S. Portnoff et al., "Backpage and Bitcoin: Uncovering Human Traffickers", KDD 2017:
#   linking ads to payments by time and price.
# - M. Möser et al., "An Empirical Analysis of Traceability in the Monero Blockchain",
#   *Proceedings on Privacy Enhancing Technologies* 2018(3).
# - *United States v. Sterlingov*, Criminal Action No. 21-399 (RDM) (D.D.C.), memorandum opinion
#   and order of February 29, 2024 (Bitcoin Fog): the Daubert challenge to the government's
#   blockchain-analysis evidence rejected after hearings on its reliability.

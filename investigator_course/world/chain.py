"""datasets/chain: a toy Bitcoin-like UTXO ledger (the Practice Coin) with the planted money trail.

The chain is simulated as events in time order: wallets hold UTXOs, pay with change
to a fresh address of their own script type, exchanges sweep customer deposit
addresses to a hot wallet, miners sell to the exchange. Planted on top:
ad payments swept by the ad site (30+ inputs), the network's income, consolidation,
an 8-12 hop peeling chain, a 5x5 CoinJoin, cash-out to the exchange (whose KYC names
a bank customer), a dusting transaction, and decoys (an equal-output batch payout,
address reuse). Blocks carry real SHA-256d header hashes, Merkle roots and a toy
8-bit proof of work.
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field

import numpy as np

from . import clock, names
from .geo import CITIES
from .ids import txid as make_txid
from .ids import wallet_address
from .output import Output
from .rng import stream
from .schemas import table, truth_table
from .shared import BANK, COIN, EXCHANGE, KIOSK, SharedWorld

BLOCK_SECONDS = 2 * clock.HOUR
DIFFICULTY_BITS = 8
SUBSIDY = 312_500_000
DUST = 546
COINBASE_MATURITY = 100  # blocks before a coinbase output may be spent, as in Bitcoin
END = clock.N_DAYS * clock.DAY - 120

BLOCKS = table("chain", "blocks.csv")
TRANSACTIONS = table("chain", "transactions.csv")
INPUTS = table("chain", "inputs.csv")
OUTPUTS = table("chain", "outputs.csv")
ADDRESS_TAGS = table("chain", "address_tags.csv")
AD_LISTINGS = table("chain", "ad_listings.csv")
KYC = table("chain", "legal_return_kyc.csv")
ACTIVITY = table("chain", "legal_return_activity.csv")
TRUTH_ADDRESSES = truth_table("chain", "chain_addresses.csv")
TRUTH_TRANSACTIONS = truth_table("chain", "chain_transactions.csv")
TRUTH_AD_PAYMENTS = truth_table("chain", "chain_ad_payments.csv")
TRUTH_OUTPUTS = truth_table("chain", "chain_outputs.csv")


@dataclass
class Tx:
    txid: str
    first_seen: int
    inputs: list[tuple[str, int]]
    outputs: list[tuple[str, int, str]]  # address, value, script type
    coinbase: bool = False
    fee: int = 0
    block: int = -1


@dataclass
class Wallet:
    name: str
    entity: str
    role: str
    script: str = "p2wpkh"
    reuse: float = 0.0
    utxos: list[tuple[str, int, int, str]] = field(default_factory=list)  # txid, vout, value, addr
    addresses: list[str] = field(default_factory=list)

    @property
    def balance(self) -> int:
        return sum(u[2] for u in self.utxos)


class Chain:
    def __init__(self, world: SharedWorld, seed: int, scale: float):
        self.world, self.seed, self.scale = world, seed, scale
        self.rng = stream(seed, "chain")
        self.txs: list[Tx] = []
        self.owner: dict[str, Wallet] = {}
        self.addr_role: dict[str, tuple[str, str, str]] = {}
        self.tx_pattern: dict[str, str] = {}
        self.ad_payments: dict[str, tuple[str, int]] = {}
        self.counter = 0
        self.events: list = []
        self.seq = 0
        self.pending: list[Tx] = []
        self.blocks: list[dict] = []
        self._sweep_due = False  # an ad-site sweep is scheduled
        self.seen: dict[str, int] = {}  # txid -> first_seen, so a child never precedes a parent
        self.co_spent: set[str] = set()  # addresses spent together with another address

    # ----- primitives -------------------------------------------------------------------
    def address(self, wallet: Wallet, role: str | None = None) -> str:
        if wallet.addresses and self.rng.random() < wallet.reuse:
            return wallet.addresses[int(self.rng.integers(len(wallet.addresses)))]
        self.counter += 1
        addr = wallet_address(self.seed, self.counter)
        wallet.addresses.append(addr)
        self.owner[addr] = wallet
        self.addr_role[addr] = (wallet.entity, wallet.role, role or "receive")
        return addr

    def wallet(self, name, entity, role, script="p2wpkh", reuse=0.0) -> Wallet:
        return Wallet(name, entity, role, script, reuse)

    def at(self, t: int, fn, *args) -> None:
        if 0 <= t < END:
            self.seq += 1
            heapq.heappush(self.events, (int(t), self.seq, fn, args))

    def fee_for(self, n_in: int, n_out: int, rate: int | None = None) -> int:
        rate = rate or int(self.rng.integers(2, 13))
        return rate * (11 + 68 * n_in + 31 * n_out)

    def emit(self, t: int, inputs: list[tuple[str, int, int, str]],
             outputs: list[tuple[str, int]], pattern: str | None = None,
             coinbase: bool = False) -> Tx:
        """Record a transaction: spend `inputs`, create `outputs` owned by their wallets."""
        self.counter += 1
        outs = [(a, int(v), self.owner[a].script) for a, v in outputs]
        payload = (f"{self.seed}|{self.counter}|" + ";".join(f"{i[0]}:{i[1]}" for i in inputs)
                   + "|" + ";".join(f"{a}:{v}" for a, v, _ in outs))
        tid = make_txid(payload)
        fee = 0 if coinbase else sum(i[2] for i in inputs) - sum(v for _, v, _ in outs)
        assert fee >= 0, "outputs exceed inputs"
        assert all(v > 0 for _, v, _ in outs), f"a non-positive output in {pattern}"
        # a transaction is broadcast after the ones whose outputs it spends
        t = max([int(t)] + [self.seen[i[0]] + 1 for i in inputs])
        self.seen[tid] = t
        if len({i[3] for i in inputs}) > 1:
            self.co_spent.update(i[3] for i in inputs)
        tx = Tx(tid, int(t), [(i[0], i[1]) for i in inputs], outs, coinbase, fee)
        for txin in inputs:
            self.owner[txin[3]].utxos.remove(txin)
        for vout, (addr, value, _) in enumerate(outs):
            self.owner[addr].utxos.append((tid, vout, value, addr))
        self.txs.append(tx)
        if not coinbase:
            self.pending.append(tx)
        if pattern:
            self.tx_pattern[tid] = pattern
        return tx

    def pay(self, t: int, wallet: Wallet, payments: list[tuple[str, int]],
            pattern: str | None = None, inputs=None, change: bool = True) -> Tx | None:
        """Pay with coin selection (random order) and change to the wallet's own address."""
        total = sum(v for _, v in payments)
        if inputs is None:
            order = [wallet.utxos[int(i)] for i in self.rng.permutation(len(wallet.utxos))]
            # wallets leave dust out of coin selection (a consolidation may still sweep it)
            order = [u for u in order if u[2] > DUST]
            inputs, got = [], 0
            for u in order:
                inputs.append(u)
                got += u[2]
                if got >= total + self.fee_for(len(inputs), len(payments) + 1, 12):
                    break
            else:
                return None
        fee = self.fee_for(len(inputs), len(payments) + (1 if change else 0))
        rest = sum(u[2] for u in inputs) - total - fee
        if rest < 0:
            return None
        outputs = list(payments)
        if change and rest > DUST:
            outputs.append((self.address(wallet, "change"), rest))
            order = self.rng.permutation(len(outputs))
            outputs = [outputs[int(i)] for i in order]
        return self.emit(t, inputs, outputs, pattern)

    # ----- blocks -----------------------------------------------------------------------
    def block_event(self, t: int) -> None:
        height = len(self.blocks)
        included = [tx for tx in self.pending if tx.first_seen <= t - 30]
        self.pending = [tx for tx in self.pending if tx.first_seen > t - 30]
        fees = sum(tx.fee for tx in included)
        pool = self.pools[int(self.rng.integers(len(self.pools)))]
        addr = pool.addresses[0]  # pools reuse one payout address (address reuse)
        self.counter += 1
        cb = self.emit(t, [], [(addr, SUBSIDY + fees)], None, coinbase=True)
        included.sort(key=lambda tx: (tx.first_seen, tx.txid))
        for tx in [cb] + included:
            tx.block = height
        self.blocks.append({"height": height, "time": t, "txs": [cb] + included})

    # ----- setup ------------------------------------------------------------------------
    def setup(self) -> None:
        rng, w = self.rng, self.world
        self.exchange_hot = self.wallet("exchange_hot", EXCHANGE, "exchange_hot", reuse=1.0)
        self.exchange_deposits: dict[str, Wallet] = {}
        self.kiosk = self.wallet("kiosk", KIOSK, "kiosk_hot", reuse=1.0)
        self.ad_site = self.wallet("ad_site_deposit", "ClassifiedsB", "ad_site_deposit")
        self.ad_cold = self.wallet("ad_site_cold", "ClassifiedsB", "ad_site_cold", reuse=1.0)
        self.pools = [self.wallet(f"pool_{i}", f"Pool {c}", "miner", reuse=1.0)
                      for i, c in enumerate("ABCD")]
        for pool in self.pools:
            self.address(pool, "miner_payout")
        self.address(self.exchange_hot, "exchange_hot")
        self.address(self.kiosk, "kiosk_hot")
        self.address(self.ad_cold, "ad_site_cold")
        self.merchants = [self.wallet(f"merchant_{i}", f"Merchant {i + 1}", "merchant")
                          for i in range(3)]
        self.dust_attacker = self.wallet("dust", "unknown (dusting)", "dust_sender")
        n_users = max(30, int(round(250 * self.scale)))
        self.users = [self.wallet(f"user_{i}", f"user_{i}", "user",
                                  "p2pkh" if rng.random() < 0.3 else "p2wpkh",
                                  0.25 if rng.random() < 0.15 else 0.0)
                      for i in range(n_users)]
        self.net = {name: self.wallet(f"network_{name}", "network", name) for name in
                    ("income", "ad_wallet", "main", "cold", "premix", "postmix")}
        self.buyers: dict[str, Wallet] = {}
        for listing in w.listings:
            if listing.buyer != "network" and listing.buyer not in self.buyers:
                self.buyers[listing.buyer] = self.users[int(rng.integers(len(self.users)))]
        self.buyers["network"] = self.net["ad_wallet"]
        premine = [(self.exchange_hot.addresses[0], 5_000 * COIN),
                   (self.kiosk.addresses[0], 300 * COIN),
                   (self.address(self.dust_attacker), 1 * COIN)]
        premine += [(self.address(m), int(rng.integers(2, 20)) * COIN) for m in self.merchants]
        # The chain starts COINBASE_MATURITY + 1 blocks before the six months, so that the
        # premine (a coinbase) may be spent from the first day on.
        genesis = -(COINBASE_MATURITY + 1) * BLOCK_SECONDS
        tx = self.emit(genesis, [], premine, "genesis_premine", coinbase=True)
        self.blocks.append({"height": 0, "time": genesis, "txs": [tx]})
        tx.block = 0
        for h in range(1, COINBASE_MATURITY + 1):
            self.block_event(genesis + h * BLOCK_SECONDS)

    def deposit_address(self, customer: str) -> str:
        """Each exchange customer gets one deposit address and keeps reusing it."""
        if customer not in self.exchange_deposits:
            wallet = self.wallet(f"exdep_{customer}", EXCHANGE, "exchange_deposit", "p2pkh")
            self.exchange_deposits[customer] = wallet
            self.address(wallet, f"exchange_deposit:{customer}")
        return self.exchange_deposits[customer].addresses[0]

    # ----- background -------------------------------------------------------------------
    def withdraw(self, t: int, wallet: Wallet, value: int, pattern: str | None = None) -> None:
        self.pay(t, self.exchange_hot, [(self.address(wallet, "receive"), value)],
                 pattern or "exchange_withdrawal")

    def schedule_background(self) -> None:
        rng = self.rng
        for k, user in enumerate(self.users):
            first = int(rng.integers(0, 20 * clock.DAY))
            value = int(float(rng.lognormal(np.log(0.05 * COIN), 0.9)))
            if user in self.buyers.values() or k < 25:
                value += 30_000_000
            self.at(first, self.withdraw, user, value)
            for _ in range(int(rng.poisson(7))):
                t = int(rng.integers(first + clock.DAY, END))
                self.at(t, self.user_activity, user)
        for t in range(12 * clock.HOUR, END, 12 * clock.HOUR):
            self.at(t + int(rng.integers(0, 3600)), self.exchange_sweep)
        for week in range(26):
            for pool in self.pools:
                self.at(week * 7 * clock.DAY + int(rng.integers(3, 7 * 24)) * clock.HOUR,
                        self.pool_sell, pool)
        for m in self.merchants:
            for month in range(6):
                self.at((month * 30 + int(rng.integers(5, 28))) * clock.DAY, self.merchant_cashout,
                        m)
        for day in (int(rng.integers(50, 70)), int(rng.integers(130, 150))):
            self.at(day * clock.DAY + int(rng.integers(0, clock.DAY)), self.batch_payout)
        for _ in range(int(20 * self.scale) + 5):
            t = int(rng.integers(0, END))
            self.at(t, self.kiosk_sale, self.users[int(rng.integers(len(self.users)))],
                    int(float(rng.uniform(0.002, 0.02)) * COIN), "kiosk_sale")

    def user_activity(self, t: int, user: Wallet) -> None:
        rng = self.rng
        roll = rng.random()
        value = int(float(rng.lognormal(np.log(0.004 * COIN), 1.0)))
        if user.balance < value + 20_000:
            self.withdraw(t, user, value * 3 + 100_000)
            return
        if roll < 0.35:
            merchant = self.merchants[int(rng.integers(len(self.merchants)))]
            self.pay(t, user, [(self.address(merchant, "invoice"), value)], "merchant_payment")
        elif roll < 0.7:
            other = self.users[int(rng.integers(len(self.users)))]
            if other is not user:
                self.pay(t, user, [(self.address(other, "receive"), value)], "user_payment")
        elif roll < 0.9:
            self.pay(t, user, [(self.deposit_address(user.name), value)], "exchange_deposit")
        else:
            self.withdraw(t, user, value)

    def exchange_sweep(self, t: int) -> None:
        inputs = [u for wallet in self.exchange_deposits.values() for u in wallet.utxos]
        if len(inputs) < 2:
            return
        inputs.sort(key=lambda u: (u[0], u[1]))
        fee = self.fee_for(len(inputs), 1, 3)
        value = sum(u[2] for u in inputs) - fee
        self.emit(t, inputs, [(self.exchange_hot.addresses[0], value)], "exchange_sweep")

    def pool_sell(self, t: int, pool: Wallet) -> None:
        mature = [u for u in pool.utxos if self.tx_time(u[0]) < t - 100 * BLOCK_SECONDS]
        if len(mature) < 2:
            return
        fee = self.fee_for(len(mature), 1, 2)
        self.emit(t, mature, [(self.deposit_address(pool.name), sum(u[2] for u in mature) - fee)],
                  "miner_sale")

    def tx_time(self, tid: str) -> int:
        return self._time[tid] if tid in self._time else 0

    def merchant_cashout(self, t: int, merchant: Wallet) -> None:
        if len(merchant.utxos) < 2:
            return
        inputs = list(merchant.utxos)
        fee = self.fee_for(len(inputs), 1)
        self.emit(t, inputs, [(self.deposit_address(merchant.name), sum(u[2] for u in inputs)
                               - fee)], "merchant_consolidation_to_exchange")

    def batch_payout(self, t: int) -> None:
        """Decoy: a merchant pays six affiliates the same amount from two of its coins."""
        merchant = self.merchants[0]
        coins = sorted(merchant.utxos, key=lambda u: -u[2])[:2]
        if len(coins) < 2 or sum(u[2] for u in coins) < 7_000_000:
            # the merchant first withdraws two coins from its exchange account
            self.withdraw(t - 2 * 3600, merchant, 4_000_000)
            self.withdraw(t - 3600, merchant, 4_000_000)
            coins = sorted(merchant.utxos, key=lambda u: -u[2])[:2]
        picks = [self.users[int(i)] for i in self.rng.choice(len(self.users), 6, replace=False)]
        payments = [(self.address(u, "receive"), 1_000_000) for u in picks]
        self.pay(t, merchant, payments, "batch_payout_decoy", inputs=coins)

    def kiosk_sale(self, t: int, wallet: Wallet, value: int, pattern: str) -> None:
        if self.kiosk.balance < value + 100_000:
            return
        self.pay(t, self.kiosk, [(self.address(wallet, "receive"), value)], pattern)

    # ----- the planted trail ------------------------------------------------------------
    def schedule_planted(self) -> None:
        w, rng, plan = self.world, self.rng, self.world.plan
        pay_at = self.ad_payment_times()
        for listing in w.listings:
            if listing.paid_with == "coin":
                lag = int(rng.integers(60, 8 * 60))
                t = pay_at.get(listing.ad_id, listing.posted_utc - lag)
                self.at(t, self.ad_payment, listing)
        for event in w.kiosk:
            self.at(event.utc + int(rng.integers(60, 600)), self.kiosk_sale,
                    self.net["ad_wallet"], event.sat, "kiosk_withdrawal_to_network")
        payers = self.users[:25]
        for i, event in enumerate(w.income):
            self.at(event.utc, self.income, payers[i % len(payers)], event.sat)
        self.at(plan["dust_utc"], self.dusting)
        for k, t in enumerate(plan["consolidations"]):
            self.at(t, self.consolidate, k + 1)
        for i, t in enumerate(plan["peel_times"]):
            self.at(t, self.peel, i)
        self.at(plan["coinjoin_utc"] - int(rng.integers(2, 10)) * clock.HOUR, self.premixes)
        self.at(plan["coinjoin_utc"], self.coinjoin)
        self.at(plan["postmix_utc"], self.postmix)

    def ad_payment_times(self) -> dict[str, int]:
        """Payments made well before their ad, so that matching by time and price is not trivial.

        The network sometimes pays for a whole day's ads in one sitting, a few minutes before
        the first of them goes up: the later ads' payments then fall in the first ad's window
        (ambiguous when the prices are equal, which they are for ads of one tier on one day),
        and outside their own. Ads held for review are paid long before they go live (below).
        Some other payers pay 11 to 90 minutes ahead. The draws come from a stream of their
        own.
        """
        timing = stream(self.seed, "chain-ad-timing")
        coin = sorted((x for x in self.world.listings if x.paid_with == "coin"),
                      key=lambda x: (x.posted_utc, x.ad_id))
        days: dict[int, list] = {}
        for x in coin:
            if x.buyer == "network":
                days.setdefault(x.posted_utc // clock.DAY, []).append(x)
        pay_at: dict[str, int] = {}
        for _, ads in sorted(days.items()):
            if len(ads) > 1 and timing.random() < 0.6:
                first = ads[0].posted_utc
                for x in ads:
                    pay_at[x.ad_id] = first - int(timing.integers(60, 9 * 60))
        # The site holds some ads for review before they go live. Where two ads of one price
        # go up within a day of each other, the later ad was often paid just before the
        # earlier one went live (it was then held): its payment is a second candidate of the
        # earlier ad (ambiguous) and no candidate of its own. Sometimes the earlier ad was
        # held too, so its own payment is outside its window and the other ad's payment is
        # its only candidate: a match by time and price that is wrong.
        by_price: dict[int, list] = {}
        for x in coin:
            by_price.setdefault(x.price_sat, []).append(x)
        for _, ads in sorted(by_price.items()):
            for a, b in zip(ads, ads[1:], strict=False):
                if not 0 < b.posted_utc - a.posted_utc < clock.DAY or b.ad_id in pay_at:
                    continue
                if timing.random() < 0.8:
                    pay_at[b.ad_id] = a.posted_utc - int(timing.integers(60, 9 * 60))
                    if a.ad_id not in pay_at and timing.random() < 0.3:
                        pay_at[a.ad_id] = a.posted_utc - int(timing.integers(15 * 60, 3 * 3600))
        for x in coin:
            if x.ad_id not in pay_at and timing.random() < 0.1:
                pay_at[x.ad_id] = x.posted_utc - int(timing.integers(11 * 60, 90 * 60))
        return pay_at

    def ad_payment(self, t: int, listing) -> None:
        buyer = self.buyers[listing.buyer]
        if buyer.balance < listing.price_sat + 50_000:
            if buyer is self.net["ad_wallet"]:
                self.kiosk_sale(t - 600, buyer, 2_000_000, "kiosk_withdrawal_to_network")
            else:
                self.withdraw(t - 600, buyer, 5_000_000)
        addr = self.address(self.ad_site, f"ad_deposit:{listing.ad_id}")
        tx = self.pay(t, buyer, [(addr, listing.price_sat)], f"ad_payment:{listing.ad_id}")
        if tx is None:
            return
        vout = [o[0] for o in tx.outputs].index(addr)
        self.ad_payments[listing.ad_id] = (tx.txid, vout)
        if len(self.ad_site.utxos) >= 30 and not self._sweep_due:
            self._sweep_due = True
            self.at(t + int(self.rng.integers(1, 6)) * clock.HOUR, self.ad_sweep)

    def ad_sweep(self, t: int) -> None:
        self._sweep_due = False
        inputs = sorted(self.ad_site.utxos, key=lambda u: (u[0], u[1]))
        fee = self.fee_for(len(inputs), 1, 2)
        self.emit(t, inputs, [(self.ad_cold.addresses[0], sum(u[2] for u in inputs) - fee)],
                  "ad_site_sweep")

    def income(self, t: int, payer: Wallet, value: int) -> None:
        if payer.balance < value + 50_000:
            self.withdraw(t - 900, payer, value + 2_000_000)
        self.pay(t, payer, [(self.address(self.net["income"], "income"), value)],
                 "network_income")

    def dusting(self, t: int) -> None:
        """546-sat outputs to many addresses, one of them the network's ad wallet."""
        ad_wallet = self.net["ad_wallet"]
        targets = [ad_wallet.addresses[-1] if ad_wallet.addresses
                   else self.address(ad_wallet, "receive")]
        picks = self.rng.choice(len(self.users), 14, replace=False)
        targets += [self.users[int(i)].addresses[0] for i in picks if self.users[int(i)].addresses]
        self.dusted = targets[0] if targets else None
        self.pay(t, self.dust_attacker, [(a, DUST) for a in targets], "dusting")

    def consolidate(self, t: int, k: int) -> None:
        wallet, main = self.net["income"], self.net["main"]
        inputs = list(wallet.utxos) + list(main.utxos)
        if k == 1:  # the wallet software co-spends the dust it received
            inputs += [u for u in self.net["ad_wallet"].utxos if u[2] == DUST]
        if k == 2:  # the peeling chain follows: top up so that every hop has its amount
            need = sum(v for _, v in self.world.plan["peels"]) + 2_000_000
            have = sum(u[2] for u in inputs)
            if have < need:
                payer = self.users[int(self.rng.integers(25))]
                self.income(t - 1800, payer, need - have)
                inputs = list(wallet.utxos) + list(main.utxos)
        fee = self.fee_for(len(inputs), 1, 4)
        self.emit(t, inputs, [(self.address(main, "consolidation"),
                               sum(u[2] for u in inputs) - fee)], f"consolidation_{k}")

    def peel(self, t: int, i: int) -> None:
        dest, value = self.world.plan["peels"][i]
        main = self.net["main"]
        source = max(main.utxos, key=lambda u: u[2])
        target = {
            "ad_wallet": lambda: self.address(self.net["ad_wallet"], "peel_topup"),
            "exchange": lambda: self.deposit_address("ctrl_b"),
            "coinjoin_premix": self.premix_address,
            "cold_wallet": lambda: self.address(self.net["cold"], "cold_storage"),
        }[dest]()
        fee = self.fee_for(1, 2)
        change = self.address(main, "peel_change")
        self.emit(t, [source], [(target, value), (change, source[2] - value - fee)][::(
            1 if self.rng.random() < 0.5 else -1)], f"peel_hop_{i + 1}")

    def premix_address(self) -> str:
        """The network's wallet prepares its CoinJoin coin at an address it used before.

        The address was spent together with others in the first consolidation, so under
        common-input ownership it belongs to the network's cluster: a CoinJoin that is not
        filtered out joins that cluster to the other participants' clusters.
        """
        income = self.net["income"]
        reused = [a for a in income.addresses if a in self.co_spent]
        if not reused:
            return self.address(income, "coinjoin_input")
        addr = reused[0]
        self.addr_role[addr] = (income.entity, income.role, "income;coinjoin_input")
        return addr

    def premixes(self, t: int) -> None:
        """Four unrelated users prepare coins of exactly denomination + fee share (tx0).

        Each sends the coin to an address of its own that it had already spent together with
        another, so each participant brings its own cluster into the CoinJoin.
        """
        each = self.world.plan["coinjoin_denomination"] + self.world.plan["coinjoin_fee_share"]
        self.mixers = []
        others = [u for u in self.users[25:] if u not in self.buyers.values()]
        candidates = [u for u in others if any(a in self.co_spent for a in u.addresses)]
        if len(candidates) < 4:  # a small world: some participants bring a fresh address
            candidates += [u for u in others if u not in candidates][:4 - len(candidates)]
        for k, i in enumerate(self.rng.choice(len(candidates), 4, replace=False)):
            user = candidates[int(i)]
            if user.balance < each + 100_000:
                self.withdraw(t - 3600 * (k + 2), user, each + 3_000_000)
            addr = next((a for a in user.addresses if a in self.co_spent), None)
            if addr is None:
                addr = self.address(user, "coinjoin_input")
            else:
                self.addr_role[addr] = (user.entity, user.role, "receive;coinjoin_input")
            tx = self.pay(t + k * 600, user, [(addr, each)], "coinjoin_premix")
            if tx:
                self.mixers.append(user)

    def coinjoin(self, t: int) -> None:
        plan = self.world.plan
        each = plan["coinjoin_denomination"] + plan["coinjoin_fee_share"]
        inputs = [u for u in self.net["income"].utxos if u[2] == each][:1]
        for user in self.mixers:
            inputs += [u for u in user.utxos if u[2] == each][:1]
        outs = [(self.address(self.net["postmix"], "coinjoin_output"),
                 plan["coinjoin_denomination"])]
        outs += [(self.address(u, "coinjoin_output"), plan["coinjoin_denomination"])
                 for u in self.mixers]
        order = self.rng.permutation(len(inputs))
        inputs = [inputs[int(i)] for i in order]
        order = self.rng.permutation(len(outs))
        outs = [outs[int(i)] for i in order]
        self.emit(t, inputs, outs, "coinjoin")

    def postmix(self, t: int) -> None:
        plan = self.world.plan
        coin = self.net["postmix"].utxos[0]
        self.emit(t, [coin], [(self.deposit_address("ctrl_b"),
                               coin[2] - plan["postmix_fee"])], "postmix_to_exchange")

    # ----- run --------------------------------------------------------------------------
    def run(self) -> None:
        self.setup()
        self.schedule_planted()
        self.schedule_background()
        rng = self.rng
        for h in range(1, clock.N_DAYS * 24 * 3600 // BLOCK_SECONDS):
            self.at(h * BLOCK_SECONDS + int(rng.integers(-900, 900)), self.block_event)
        self.at(END - 1, self.block_event)
        self._time: dict[str, int] = {}
        while self.events:
            t, _, fn, args = heapq.heappop(self.events)
            before = len(self.txs)
            fn(t, *args)
            for tx in self.txs[before:]:
                self._time[tx.txid] = tx.first_seen
        assert not self.pending or all(tx.first_seen > END - 60 for tx in self.pending)
        self.txs = [tx for tx in self.txs if tx.block >= 0]

    # ----- output -----------------------------------------------------------------------
    def block_rows(self) -> list[tuple]:
        rows, prev = [], "0" * 64
        for block in self.blocks:
            ids = [tx.txid for tx in block["txs"]]
            root = merkle_root(ids)
            ts = clock.fmt_utc(block["time"])
            nonce, digest = mine(prev, root, ts, DIFFICULTY_BITS)
            rows.append(BLOCKS.row(height=block["height"], block_hash=digest, prev_hash=prev,
                                   merkle_root=root, timestamp=ts,
                                   difficulty_bits=DIFFICULTY_BITS, nonce=nonce, n_tx=len(ids)))
            prev = digest
        return rows


def header_string(prev: str, root: str, ts: str, bits: int, nonce: int) -> str:
    """The toy header: `version|prev_hash|merkle_root|timestamp|difficulty_bits|nonce`."""
    return f"1|{prev}|{root}|{ts}|{bits}|{nonce}"


def sha256d_hex(data: bytes) -> str:
    return hashlib.sha256(hashlib.sha256(data).digest()).hexdigest()


def mine(prev: str, root: str, ts: str, bits: int) -> tuple[int, str]:
    """Smallest nonce whose header hash starts with `bits` zero bits."""
    base = hashlib.sha256(f"1|{prev}|{root}|{ts}|{bits}|".encode())
    limit = 1 << (256 - bits)
    nonce = 0
    while True:
        inner = base.copy()
        inner.update(str(nonce).encode())
        digest = hashlib.sha256(inner.digest()).digest()
        if int.from_bytes(digest, "big") < limit:
            return nonce, digest.hex()
        nonce += 1


def merkle_root(txids: list[str]) -> str:
    """Pairwise SHA-256d of concatenated hex txids; an odd last element pairs with itself."""
    level = list(txids)
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        level = [sha256d_hex((level[i] + level[i + 1]).encode()) for i in range(0, len(level), 2)]
    return level[0]


def tables(chain: Chain) -> dict[str, list[tuple]]:
    w = chain.world
    spent: dict[tuple[str, int], tuple[str, int]] = {}
    tx_rows, in_rows, out_rows = [], [], []
    for block in chain.blocks:
        for pos, tx in enumerate(block["txs"]):
            tx_rows.append(TRANSACTIONS.row(
                txid=tx.txid, block_height=block["height"], position=pos,
                first_seen=clock.fmt_utc(block["time"] if tx.coinbase else tx.first_seen),
                is_coinbase=tx.coinbase))
            for vin, (ptx, pvout) in enumerate(tx.inputs):
                in_rows.append(INPUTS.row(txid=tx.txid, vin=vin, prev_txid=ptx, prev_vout=pvout))
                spent[(ptx, pvout)] = (tx.txid, vin)
    for block in chain.blocks:
        for tx in block["txs"]:
            for vout, (addr, value, script) in enumerate(tx.outputs):
                by = spent.get((tx.txid, vout))
                out_rows.append(OUTPUTS.row(
                    txid=tx.txid, vout=vout, address=addr, value_sat=value, script_type=script,
                    spent_by_txid=by[0] if by else None, spent_by_vin=by[1] if by else None))
    listing_rows = [AD_LISTINGS.row(ad_id=x.ad_id, posted_at=clock.fmt_utc(x.posted_utc),
                                    city=CITIES[x.city].name, state=CITIES[x.city].state,
                                    price_sat=x.price_sat) for x in w.listings]
    return {"blocks.csv": chain.block_rows(), "transactions.csv": tx_rows, "inputs.csv": in_rows,
            "outputs.csv": out_rows, "ad_listings.csv": listing_rows}


# GraphSense confidence by source (see address_tags.csv in schemas.py)
CONFIDENCE = {"ownership": 100, "manual_transaction": 90, "authority_data": 60, "forensic": 50,
              "web_crawl": 20, "heuristic": 10}


def _tag(address: str, label: str, category: str, source: str, cluster: bool = False) -> tuple:
    return ADDRESS_TAGS.row(address=address, label=label, category=category, source=source,
                            confidence=CONFIDENCE[source], is_cluster_definer=cluster)


def address_tags(chain: Chain) -> list[tuple]:
    """Attribution an investigator might hold, with provenance; one tag is wrong on purpose."""
    rng = chain.rng
    tags = [_tag(chain.exchange_hot.addresses[0], EXCHANGE, "exchange", "ownership", True),
            _tag(chain.kiosk.addresses[0], KIOSK, "crypto_kiosk", "authority_data", True),
            _tag(chain.ad_cold.addresses[0], "ClassifiedsB", "ad_site", "forensic", True)]
    deposits = sorted(a for a, r in chain.addr_role.items() if r[1] == "ad_site_deposit")
    for a in [deposits[int(i)] for i in rng.choice(len(deposits), min(3, len(deposits)),
                                                    replace=False)]:
        tags.append(_tag(a, "ClassifiedsB", "ad_site", "web_crawl"))
    customers = sorted(k for k in chain.exchange_deposits if k.startswith("user_"))
    for k in [customers[int(i)] for i in rng.choice(len(customers), min(4, len(customers)),
                                                     replace=False)]:
        tags.append(_tag(chain.exchange_deposits[k].addresses[0], EXCHANGE, "exchange",
                         "manual_transaction"))
    for m in chain.merchants:
        if m.addresses:
            tags.append(_tag(m.addresses[0], m.entity, "merchant", "web_crawl"))
    for pool in chain.pools:
        tags.append(_tag(pool.addresses[0], pool.entity, "miner", "web_crawl", True))
    wrong = [u for u in chain.users[25:] if u.addresses]
    victim = wrong[int(rng.integers(len(wrong)))]
    chain.wrong_tag = victim.addresses[0]
    tags.append(_tag(victim.addresses[0], "ClassifiedsB", "ad_site", "heuristic"))
    return tags


def kyc_phone(chain: Chain, person) -> str:
    """The phone on the exchange's file: an area code of the customer's home city.

    The shared cast's phones sometimes carry another area code of the region (a number
    kept after a move); the exchange's file is the customer's own recent declaration, so
    it gives a number of the home city, a new local one from the shared cast's lines.
    """
    codes = CITIES[person.home].area_codes
    if person.phone[:3] in codes:
        return person.phone
    phone = chain.world.phonebook.take("shared", codes, local_share=1.0)
    assert phone[:3] in codes, f"no local line left for the KYC return in {codes}"
    return phone


def routing_number(rng) -> str:
    """A nine-digit bank routing number that no bank can have, by construction.

    Its first digit is 5 (the first two digits of a real ABA routing number are 00-12, 21-32,
    61-72 or 80), and its check digit is wrong (a real one makes 3(d1+d4+d7) + 7(d2+d5+d8) +
    (d3+d6+d9) a multiple of 10).
    """
    d = [5] + [int(x) for x in rng.integers(0, 10, size=7)]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    valid = (10 - total % 10) % 10
    d.append((valid + int(rng.integers(1, 10))) % 10)
    return "".join(str(x) for x in d)


def documentation_ip(rng, block: str) -> str:
    """An IPv4 address in one of the documentation ranges of RFC 5737 (never routed)."""
    return f"{block}.{int(rng.integers(1, 255))}"


def legal_return(chain: Chain) -> tuple[list[tuple], list[tuple]]:
    """The exchange's answer to a request about ctrl_b's deposit address.

    Its draws come from a stream of their own, so the ledger does not move when the return
    changes. The fields are those a return to a subpoena carries: identity with the ID
    document's type and (fictional) number, street address, the linked bank account as the
    exchange holds it (routing and account number, not the bank's internal id), logins with
    IP addresses (documentation ranges) and devices, trades with price and fee.
    """
    w = chain.world
    rng = stream(w.seed, "chain-legal-return")
    person = w.people["ctrl_b"]
    city = CITIES[person.home]
    ref = f"LP-2025-{int(rng.integers(100, 999))}"
    customer = w.fixed_ids["exchange_customer"]
    address = chain.exchange_deposits["ctrl_b"].addresses[0]
    routing = routing_number(rng)
    account_number = "".join(str(int(x)) for x in rng.integers(0, 10, size=12))
    chain.kyc_bank = (routing, account_number)
    id_number = f"{city.state}-DL-SYN{int(rng.integers(100000, 999999))}"
    opened_day = -int(rng.integers(60, 200))
    block_time = {tx.txid: chain.blocks[tx.block]["time"] for tx in chain.txs}
    deposits = sorted((tx for tx in chain.txs if any(o[0] == address for o in tx.outputs)),
                      key=lambda tx: tx.first_seen)
    home_ip = documentation_ip(rng, "198.51.100")
    phone = (person.device, "mobile app (Android)")
    laptop = (f"DEV-{''.join(f'{int(x):02X}' for x in rng.integers(0, 256, size=6))}",
              "web browser (Windows)")
    events: list[dict] = []

    def login(t: int) -> None:
        roll = rng.random()
        if roll < 0.6:
            device, ip = phone, home_ip
        elif roll < 0.85:
            device, ip = phone, documentation_ip(rng, "203.0.113")
        else:
            device, ip = laptop, documentation_ip(rng, "192.0.2")
        events.append(dict(ts=t, activity="login", ip_address=ip, device_id=device[0],
                           client=device[1]))

    for day in sorted(int(x) for x in rng.integers(opened_day + 1, clock.N_DAYS, size=14)):
        login(day * clock.DAY + int(rng.integers(6 * 3600, 23 * 3600)))
    for tx, cashout in zip(deposits, w.cashouts, strict=False):
        value = sum(o[1] for o in tx.outputs if o[0] == address)
        credited = block_time[tx.txid] + int(rng.integers(4 * 60, 45 * 60))
        events.append(dict(ts=credited, activity="crypto_deposit", txid=tx.txid,
                           address=address, value_sat=value))
        sold = credited + int(rng.integers(15 * 60, 6 * 3600))
        login(sold - int(rng.integers(60, 900)))
        gross = int(round(cashout.sell_usd_cents / 0.995))
        events.append(dict(ts=sold, activity="trade_sell", value_sat=value,
                           price_usd_per_coin=int(round(gross * COIN / value)),
                           fee_usd=gross - cashout.sell_usd_cents,
                           usd_amount=cashout.sell_usd_cents, ip_address=events[-1]["ip_address"],
                           device_id=events[-1]["device_id"], client=events[-1]["client"]))
        sent = max(cashout.withdraw_utc + int(rng.integers(60, 3000)), sold + 1800)
        login(sent - int(rng.integers(60, 600)))
        events.append(dict(ts=sent, activity="fiat_withdrawal",
                           usd_amount=cashout.withdraw_usd_cents,
                           destination=f"ACH to {BANK}, routing {routing}, account ending "
                                       f"{account_number[-4:]}",
                           ip_address=events[-1]["ip_address"],
                           device_id=events[-1]["device_id"], client=events[-1]["client"]))
    events.sort(key=lambda e: (e["ts"], e["activity"]))
    produced = clock.N_DAYS + int(rng.integers(10, 30))
    kyc = [KYC.row(request_ref=ref, exchange=EXCHANGE, customer_ref=customer,
                   full_name=person.name, date_of_birth=person.dob.isoformat(),
                   phone=kyc_phone(chain, person), email=person.email,
                   street_address=names.street(rng), city=city.name, state=city.state,
                   id_document_type="driver license", id_document_number=id_number,
                   account_opened=clock.fmt_date(opened_day), linked_bank=BANK,
                   linked_bank_routing=routing, linked_bank_account_number=account_number,
                   deposit_addresses=address, produced_on=clock.fmt_date(produced),
                   certification="certificate of the custodian of records (Fed. R. Evid. "
                                 "902(11)) attached")]
    activity = [ACTIVITY.row(activity_id=f"{ref}-{n:03d}", customer_ref=customer,
                             ts=clock.fmt_utc(e.pop("ts")), **e)
                for n, e in enumerate(events, start=1)]
    return kyc, activity


def ad_buyers(chain: Chain) -> dict[str, str]:
    """ad_id -> who paid for the listing ("network" or a background buyer)."""
    return {x.ad_id: x.buyer for x in chain.world.listings}


def _address_of(chain: Chain) -> dict[tuple[str, int], str]:
    """(txid, vout) -> address, for every output of the chain."""
    return {(tx.txid, vout): out[0] for tx in chain.txs for vout, out in enumerate(tx.outputs)}


def change_labels(chain: Chain) -> list[tuple]:
    """Per output of each non-coinbase transaction: does it go back to a wallet that paid in?"""
    address_of = _address_of(chain)
    rows = []
    for tx in sorted(chain.txs, key=lambda tx: tx.txid):
        if tx.coinbase:
            continue
        payers = {id(chain.owner[address_of[i]]) for i in tx.inputs}
        for vout, (addr, _, _) in enumerate(tx.outputs):
            rows.append(TRUTH_OUTPUTS.row(txid=tx.txid, vout=vout,
                                          is_change=id(chain.owner[addr]) in payers))
    return rows


def truth(chain: Chain) -> dict[str, list[tuple]]:
    """The ground-truth tables, sorted."""
    buyer = ad_buyers(chain)
    return {
        "chain_addresses.csv": [
            TRUTH_ADDRESSES.row(address=a, entity=entity, wallet_role=wallet_role,
                                address_role=address_role)
            for a, (entity, wallet_role, address_role) in sorted(chain.addr_role.items())],
        "chain_transactions.csv": [TRUTH_TRANSACTIONS.row(txid=tid, pattern=pattern)
                                   for tid, pattern in sorted(chain.tx_pattern.items())],
        "chain_outputs.csv": change_labels(chain),
        "chain_ad_payments.csv": [
            TRUTH_AD_PAYMENTS.row(ad_id=ad, txid=tid, vout=vout, buyer=buyer[ad])
            for ad, (tid, vout) in sorted(chain.ad_payments.items())],
    }


def equal_output_coinjoins(chain: Chain, min_equal: int = 3) -> set[str]:
    """The teaching rule of assignment 02: the most common output value occurs at least
    `min_equal` times, and no more often than the transaction has distinct input addresses."""
    address_of = _address_of(chain)
    found = set()
    for tx in chain.txs:
        if tx.coinbase:
            continue
        values = [v for _, v, _ in tx.outputs]
        top = max(values.count(v) for v in values)
        senders = {address_of[i] for i in tx.inputs}
        if min_equal <= top <= len(senders):
            found.add(tx.txid)
    return found


def cioh_cluster_of(chain: Chain, address: str, skip: set[str]) -> set[str]:
    """Common-input-ownership cluster of `address`, not linking through the txids in `skip`."""
    address_of = _address_of(chain)
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for tx in chain.txs:
        if tx.coinbase or tx.txid in skip:
            continue
        addrs = [address_of[i] for i in tx.inputs]
        for a in addrs[1:]:
            parent[find(a)] = find(addrs[0])
    root = find(address)
    return {a for a in list(parent) if find(a) == root}


def check(chain: Chain) -> None:
    """The rules of the chain, and the promises of the datasheet: fail the build if broken."""
    where = {tx.txid: (tx.block, pos) for block in chain.blocks
             for pos, tx in enumerate(block["txs"])}
    kept = {tx.txid: tx for tx in chain.txs}
    for tx in chain.txs:
        assert all(v > 0 for _, v, _ in tx.outputs), f"non-positive output in {tx.txid}"
        for ptx, _ in tx.inputs:
            assert ptx in kept, f"{tx.txid} spends an output of a transaction not in a block"
            assert where[ptx] < where[tx.txid], f"{tx.txid} spends an output created after it"
            if kept[ptx].coinbase:
                assert where[tx.txid][0] - where[ptx][0] >= COINBASE_MATURITY, (
                    f"{tx.txid} spends an immature coinbase output")
    pattern = chain.tx_pattern
    by = {p: sorted(t for t, q in pattern.items() if q == p and t in kept)
          for p in ("coinjoin", "batch_payout_decoy", "dusting")}
    assert len(by["coinjoin"]) == 1 and by["batch_payout_decoy"] and by["dusting"], (
        f"a planted pattern or decoy is missing: { {p: len(t) for p, t in by.items()} }")
    assert equal_output_coinjoins(chain) == set(by["coinjoin"]), (
        "the equal-output rule must flag the CoinJoin and nothing else")
    dust_tx = kept[by["dusting"][0]]
    dust_vout = next(v for v, o in enumerate(dust_tx.outputs) if o[0] == chain.dusted)
    co_spender = [tx for tx in chain.txs if (dust_tx.txid, dust_vout) in tx.inputs]
    assert co_spender and pattern.get(co_spender[0].txid) == "consolidation_1", (
        "the network's dust must be co-spent in its first consolidation")
    premix = next(a for a, r in chain.addr_role.items() if r[0] == "network"
                  and "coinjoin_input" in r[2])
    alone = cioh_cluster_of(chain, premix, set(by["coinjoin"]))
    joined = cioh_cluster_of(chain, premix, set())
    assert len(joined) >= len(alone) + 4, (
        f"the CoinJoin should visibly join clusters ({len(alone)} -> {len(joined)})")


def build(world: SharedWorld, seed: int, scale: float) -> Output:
    chain = Chain(world, seed, scale)
    chain.run()
    check(chain)
    out = tables(chain)
    out["address_tags.csv"] = address_tags(chain)
    kyc, activity = legal_return(chain)
    out["legal_return_kyc.csv"] = kyc
    out["legal_return_activity.csv"] = activity
    truth_tables = truth(chain)
    pattern_of, buyer = chain.tx_pattern, ad_buyers(chain)
    peel = sorted((tid for tid, p in pattern_of.items() if p.startswith("peel_hop_")),
                  key=lambda tid: int(pattern_of[tid].rsplit("_", 1)[1]))
    facts = {
        "exchange_deposit_address_ctrl_b": chain.exchange_deposits["ctrl_b"].addresses[0],
        "exchange_hot_wallet": chain.exchange_hot.addresses[0],
        "ad_site_cold_wallet": chain.ad_cold.addresses[0],
        "peeling_chain_txids": peel,
        "peeling_chain_hops": len(peel),
        "coinjoin_txid": next(tid for tid, p in pattern_of.items() if p == "coinjoin"),
        "dust_txid": next(tid for tid, p in pattern_of.items() if p == "dusting"),
        "dusted_network_address": chain.dusted,
        "batch_payout_decoy_txids": sorted(tid for tid, p in pattern_of.items()
                                           if p == "batch_payout_decoy"),
        "ad_site_sweep_txids": sorted(tid for tid, p in pattern_of.items()
                                      if p == "ad_site_sweep"),
        "consolidation_txids": sorted(tid for tid, p in pattern_of.items()
                                      if p.startswith("consolidation_")),
        "wrong_tag_address": chain.wrong_tag,
        "network_ad_payments": sum(1 for ad in chain.ad_payments if buyer[ad] == "network"),
        "kyc_bank_routing_number": chain.kyc_bank[0],
        "kyc_bank_account_number": chain.kyc_bank[1],
        "kyc_bank_account_id": world.fixed_ids["ctrl_b_account"],
    }
    summary = (f"{len(out['blocks.csv']):,} blocks, {len(out['transactions.csv']):,} "
               f"transactions, {len(out['outputs.csv']):,} outputs")
    return Output(out, truth_tables, facts, summary)

"""Ad, post and message text for the recruitment dataset.

Legitimate ads are built from a grammar of role x employer x sentence variants, and
each employer keeps its own wording (real employers repost near-identical ads too).
The planted operations start from one template each and receive one to three small
edits per ad (synonym swap, punctuation or case change, sentence reorder, appended
phrase). Nothing here is explicit. The operations' indicators (the `indicators` of
each template, copied into the ground truth) are the usual warning signs of deceptive
job ads: pay far above the going rate, no experience needed, travel and housing
provided, a fee up front, documents held by the employer, contact only through a
messaging app, pressure to decide at once, vague duties, requirements about age or looks.
"""

from __future__ import annotations

import numpy as np

# role -> (title variants, pay kind, pay low, pay high, duty sentence, industry)
ROLES = {
    "warehouse": (("Warehouse Associate", "Warehouse Worker - Day Shift", "Order Picker"),
                  "hour", 16, 21, "Pick, pack and load orders; use a hand scanner.", "logistics"),
    "cleaner": (("Commercial Cleaner", "Janitor - Evening Shift", "Housekeeper"),
                "hour", 13, 17, "Clean offices and common areas on a set schedule.", "cleaning"),
    "cook": (("Line Cook", "Prep Cook", "Cook - Full Time"), "hour", 14, 19,
             "Prepare dishes to recipe and keep the kitchen clean.", "food service"),
    "server": (("Server", "Restaurant Server", "Banquet Server"), "hour", 11, 15,
               "Take orders, serve guests and handle payments.", "food service"),
    "driver": (("Delivery Driver", "Route Driver", "Courier"), "hour", 17, 23,
                "Deliver packages on a local route with a company van.", "logistics"),
    "cashier": (("Cashier", "Store Associate", "Front-End Cashier"), "hour", 12, 15,
                "Run the register and help customers.", "retail"),
    "aide": (("Home Health Aide", "Caregiver", "Personal Care Aide"), "hour", 14, 18,
             "Support clients at home with daily tasks.", "health care"),
    "laborer": (("Construction Laborer", "General Laborer", "Framing Helper"), "hour", 17, 25,
                "Assist crews on residential job sites.", "construction"),
    "hotel": (("Hotel Housekeeper", "Room Attendant", "Laundry Attendant"), "hour", 12, 16,
              "Clean guest rooms to hotel standards.", "hospitality"),
    "reception": (("Receptionist", "Front Desk Associate", "Office Receptionist"), "hour", 14, 19,
                  "Answer phones, greet visitors and schedule appointments.", "office"),
    "support": (("Customer Service Representative", "Call Center Agent", "Support Associate"),
                "hour", 15, 20, "Answer customer calls and e-mails from our local office.",
                "office"),
    "nanny": (("Nanny", "Babysitter - Part Time", "Childcare Provider"), "hour", 15, 21,
              "Care for two children after school.", "household"),
    "landscaper": (("Landscaper", "Lawn Care Crew Member", "Grounds Worker"), "hour", 15, 20,
                   "Mow, trim and plant on commercial properties.", "landscaping"),
    "cdl": (("CDL-A Truck Driver", "OTR Driver", "Regional Truck Driver"), "week", 1200, 1800,
            "Run regional and over-the-road loads; home most weekends.", "transport"),
    "travel_nurse": (("Travel Nurse RN", "Travel RN - ICU", "Travel Nurse - Med/Surg"), "week",
                     1900, 2800, "13-week hospital assignments; travel stipend included.",
                     "health care"),
    "massage": (("Licensed Massage Therapist", "Massage Therapist (LMT)", "Spa Therapist"),
                "hour", 25, 40, "Provide massage services; state license required.", "spa"),
    "seasonal_farm": (("Seasonal Farm Worker", "Harvest Crew Member", "Orchard Worker"), "hour",
                      15, 18, "Harvest and pack produce during the season.", "agriculture"),
    "resort": (("Seasonal Resort Staff", "Summer Lodge Staff", "Camp Kitchen Staff"), "hour",
               13, 17, "Work in our summer lodge kitchen and guest rooms.", "hospitality"),
}
INTROS = ("{employer} is hiring {title}s in {city}!", "Now hiring: {title} ({city})",
          "Join our team at {employer} - {title} openings in {city}.",
          "{title} wanted in {city}.", "We are looking for a reliable {title} in {city}.")
REQUIREMENTS = ("Must be 18+ with valid ID.", "1 year of experience preferred.",
                "No experience necessary - we train.", "Must pass a background check.",
                "Reliable transportation required.", "Bilingual a plus.",
                "No experience necessary.", "Bring a passport or ID for the I-9 form on your "
                "first day.", "No fees to apply, ever.")
BENEFITS = ("Weekly pay.", "Health insurance after 60 days.", "Paid time off.",
            "Flexible schedules.", "401(k) with match.", "Employee discount.",
            "Earn up to $1,100 weekly with overtime.", "Hotel stays paid when travelling "
            "to job sites.")
URGENT = ("Urgent hiring!", "Start immediately.", "Hiring this week.", "Limited openings.")
APPLY = ("Apply online: {url}", "Call or text {phone}.", "Email your resume to {email}.",
         "Apply in person or call {phone}.")

OP_TEMPLATES = {
    "OP-A": {
        "titles": ("Hostess / Spa Receptionist - {city}", "NEW IN {city}: hostess & spa staff",
                   "Spa receptionist needed ASAP"),
        "sentences": (
            "Young women 18-25 wanted for spa reception and hostess work.",
            "Earn $1,500-$2,500 every week, paid cash daily.",
            "No experience needed, we train you.",
            "Travel with our team, hotel and food covered.",
            "Text only, no calls. Send a recent photo with your message.",
            "Start this week, limited spots!",
        ),
        "pay": ("$1500-2500/wk", "1,500 to 2,500 weekly", "$$$ cash daily", "up to 2500 a week"),
        "indicators": "high_pay;no_experience;travel_housing_provided;age_appearance;"
                      "app_only_contact;urgency",
    },
    "OP-B": {
        "titles": ("Cleaning crew wanted - {city}", "CLEANERS NEEDED {city}", "Cleaning Team"),
        "sentences": (
            "{employer} needs a cleaning crew for offices and hotels in {city}.",
            "$900 per week, housing and transport provided.",
            "Small processing fee of $350 for uniform and paperwork, paid before start.",
            "We take care of all your documents for the whole contract.",
            "Start immediately, no experience required.",
        ),
        "pay": ("$900/week", "900 weekly", "$900 a week + housing"),
        "indicators": "fee_requested;documents_retained;travel_housing_provided;urgency;"
                      "no_experience",
    },
    "OP-C": {
        "titles": ("Customer Service Agent - Overseas Office", "IT support job abroad",
                   "Work abroad: customer service"),
        "sentences": (
            "Customer service agents needed for our overseas office.",
            "Monthly salary $4,000 plus bonus.",
            "Free flight, visa and accommodation.",
            "Visa processing fee $600, paid in advance and refunded after 3 months.",
            "Basic computer skills and English, no experience necessary.",
            "Apply today, flights leave next week.",
        ),
        "pay": ("$4000/month + bonus", "4,000 USD monthly", "$4k per month"),
        "indicators": "high_pay;fee_requested;travel_housing_provided;no_experience;urgency;"
                      "app_only_contact",
    },
    "OP-D": {
        "titles": ("Farm crew - season work", "FARM WORKERS NEEDED", "Harvest crew {city}"),
        "sentences": (
            "Farm crew needed for the season, $1,200 weekly.",
            "Housing on site and transport from {city}.",
            "Deposit $200 to reserve your place.",
            "The supervisor looks after everyone's papers on the farm.",
            "Start Monday, spaces are limited.",
        ),
        "pay": ("$1200 weekly", "1,200/week", "$1,200 a week"),
        "indicators": "high_pay;fee_requested;documents_retained;travel_housing_provided;"
                      "urgency",
    },
    "OP-E": {
        "titles": ("Jobs in hotels and factories - we place you fast", "Work placement agency",
                   "Need a job? Agency help"),
        "sentences": (
            "Our agency finds you work in hotels and factories within one week.",
            "Registration fee $150, we handle all your papers.",
            "Housing can be arranged.",
            "Message us today, places fill fast.",
        ),
        "pay": ("good pay", "$700-900 weekly", "competitive"),
        "indicators": "fee_requested;travel_housing_provided;urgency;vague_duties",
    },
}
SYNONYMS = (("wanted", "needed"), ("Earn", "Make"), ("covered", "included"),
            ("Start", "Begin"), ("crew", "team"), ("immediately", "right away"),
            ("limited", "few"), ("safe", "secure"), ("fee", "charge"), ("needed", "required"))
APPENDED = ("Serious applicants only.", "Don't miss this chance!", "All welcome.",
            "Reply fast.", "Great team!", "💵💵", "✨", "Contact now.")

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def pick(rng: np.random.Generator, items):
    return items[int(rng.integers(len(items)))]


def edit(rng: np.random.Generator, sentences: list[str], n_edits: int) -> list[str]:
    """Small edits that keep an ad templated: synonyms, punctuation, order, additions."""
    out = list(sentences)
    for _ in range(n_edits):
        kind = int(rng.integers(5))
        i = int(rng.integers(len(out)))
        if kind == 0:
            a, b = pick(rng, SYNONYMS)
            out[i] = out[i].replace(a, b) if a in out[i] else out[i].replace(b, a)
        elif kind == 1:
            out[i] = out[i].rstrip(".!") + ("!!" if rng.random() < 0.5 else " ...")
        elif kind == 2 and len(out) > 2:
            j = int(rng.integers(len(out)))
            out[i], out[j] = out[j], out[i]
        elif kind == 3:
            out.append(pick(rng, APPENDED))
        else:
            out[i] = out[i].upper() if rng.random() < 0.3 else out[i].lower().capitalize()
    return out


def phone_variant(rng: np.random.Generator, phone: str, obfuscate: bool) -> str:
    """How people actually type a number; obfuscated forms defeat a naive regex."""
    area, _, line = phone.split("-")
    digits = f"{area}555{line}"
    if not obfuscate:
        return pick(rng, (phone, f"({area}) 555-{line}", f"{area}.555.{line}", f"{area} 555 {line}",
                          phone))
    kind = int(rng.integers(4))
    if kind == 0:
        return " ".join(digits)
    if kind == 1:
        return f"{area} five five five {line}"
    if kind == 2:
        return " ".join(NUMBER_WORDS[int(c)] for c in digits[:3]) + f" 555 {line}"
    return f"{area}-555-{line[:2]} {line[2:]}"


def email_variant(rng: np.random.Generator, email: str, obfuscate: bool) -> str:
    if not obfuscate:
        return email
    user, domain = email.split("@")
    name, tld = domain.rsplit(".", 1)
    return pick(rng, (f"{user} [at] {name} (dot) {tld}", f"{user} at {name} dot {tld}",
                      f"{user}(at){domain}"))


def pay_text(rng: np.random.Generator, kind: str, low: float, high: float) -> str | None:
    if rng.random() < 0.08:
        return pick(rng, ("competitive", "DOE", "great pay"))
    value = float(rng.uniform(low, high))
    if kind == "week":
        return pick(rng, (f"${value:,.0f}/week", f"{value:,.0f} weekly", f"${value:,.0f} per week"))
    if rng.random() < 0.15:
        return f"${low:.0f}-{high:.0f}/hr"
    return pick(rng, (f"${value:.2f}/hr", f"{value:.2f} per hour", f"${value:.0f} an hour",
                      f"${value * 2080 / 12:,.0f}/month"))


SEEKER_TEXTS = (
    "Looking for {role} work in {city}, available immediately. {years} years experience.",
    "Need a job ASAP, any shift. Experience in {role}. {city} area.",
    "Hard worker looking for full-time {role} position in {city}. Have my own car.",
    "Can anyone recommend {role} jobs around {city}? Just moved here.",
    "Looking for any work, can start now. Willing to relocate or travel.",
    "Need work abroad or in another state, any job, I can travel.",
)
# Each step of a recruiter's talk comes in several wordings (one fixed script made
# every thread read the same). The flag says which step it is; a thread may skip steps.
RECRUITER_SCRIPT = (
    (("Hi! Saw your post. We have {role} work, good pay every week. Interested?",
      "Hello, I read your post. Our company needs {role} staff now, pay is weekly. Still looking?",
      "Saw you are looking for work. We place people in {role} jobs, good money. Want details?"),
     "reply"),
    (("Better to talk on ChatAppX, it's faster. Add me: {handle}",
      "Message me on ChatAppX ({handle}), I don't check this site much.",
      "We do the interview on ChatAppX. My name there is {handle}."),
     "platform_switch"),
    (("Job is yours. There is a {fee} fee for uniform and papers, you send before you start.",
      "To hold your place you pay {fee} for the paperwork first.",
      "Everybody pays {fee} registration, then we arrange the travel and the room."),
     "fee"),
    (("Send a photo of your passport and ID so we prepare the contract.",
      "I need a picture of your ID and passport today for the contract.",
      "Bring your passport, the manager keeps it during the contract so it is safe."),
     "documents"),
    (("Only 2 places left, you must decide today.",
      "Other people want this job, tell me by tonight.",
      "The van leaves this week, you need to decide now."),
     "urgency"),
)
SEEKER_REPLIES = {
    "reply": ("Yes I'm interested, what's the job exactly?", "Where is the work?",
              "How much is the pay?"),
    "platform_switch": ("ok added you", "ok", "Why not here?"),
    "fee": ("I don't have that money right now.", "Why do I have to pay?",
            "Ok, where do I send it?", "Is it legal? Do I get a contract?"),
    "documents": ("Is it safe to send my passport?", "Ok I will send tomorrow.",
                  "Can I bring it on the first day?"),
    "urgency": ("Ok", "Let me think.", "I will decide tonight."),
    "employer": ("Thank you, I applied.", "That day works for me.", "Thank you",
                 "Is the job full time?"),
}
# A lawful employer's answer to a seeker's post. Some employers answer within minutes, some
# move the talk to a messaging app, some say there is no fee or ask for a passport or other ID
# for the I-9 form: the look-alikes of a recruiter's steps.
EMPLOYER_SCRIPT = (
    ("Hello, thanks for your post. We have openings for {role} at {employer} in {city}. "
     "You can apply at {url}.",
     "Hi, {employer} is hiring {role} staff in {city}. The application is at {url}.",
     "Thanks for posting. We are {employer} ({city}); see our {role} openings at {url}."),
    ("Thanks for applying. Could you come for an interview on {weekday} at 10am? Our address "
     "is on the website.",
     "We got your application. Is {weekday} at 2pm good for a short interview at our office?"),
    ("On your first day please bring an ID for the I-9 employment form. Training is paid.",
     "Please bring your passport or driver's license on day one for the I-9 form; we copy it "
     "and hand it straight back.",
     "See you Monday. Wear closed shoes; uniforms are provided."),
)
EMPLOYER_APP = "It's easier to text: find us on ChatAppX as {handle} to set the time."
EMPLOYER_NO_FEE = "There is no fee at any point, we never charge applicants."
# Lawful ads that carry one indicator's words (every indicator needs look-alikes).
# Chosen by a hash of the ad id, not by the random stream, so no other draw changes.
LOOK_ALIKES = (
    "Background check fee reimbursed with your first paycheck.",
    "Text only please, the office line is busy during shifts.",
    "Photo ID required at the interview.",
    "Must be 21+ to serve alcohol.",
)
# A second lawful look-alike in about a fifth of lawful ads (review 03, blocking 2): the
# words of the travel, pay, urgency and deposit indicators in ordinary job ads.
LOOK_ALIKES_2 = (
    "Hotel and meals covered during the two-week training out of town.",
    "Earn $1,500-$2,000 a week in peak season with overtime.",
    "Start this week, limited spots in the next training class.",
    "Refundable $25 deposit for your locker key, returned on your last day.",
)
# Roles whose peak season can pay that much a week with overtime (long-haul trucking,
# harvest and construction crews); every other role gets PEAK_OVERTIME instead.
PEAK_PAY_ROLES = ("cdl", "seasonal_farm", "laborer")
PEAK_OVERTIME = "Overtime at time and a half in peak season."
# Pay that is high because the job is: long-haul trucking and travel nursing.
ROLE_PAY = {
    "cdl": "Team drivers earn $1,600-$2,200 per week.",
    "travel_nurse": "Pay $1,900-$2,600 a week on 13-week contracts.",
}
# What a quieter variant of an operation's ad leaves out (review 03, blocking 2): the
# urgency, the "no experience" line and the travel and housing promise, with the indicator
# each sentence carries.
QUIET = {
    "urgency": r"(start|apply today|places fill|spaces are limited|limited spots)",
    "no_experience": r"no experience",
    "travel_housing_provided": r"hotel|housing|free flight",
}

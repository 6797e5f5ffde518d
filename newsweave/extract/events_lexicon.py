"""Word lists for event extraction: general English, not keyed to any story.

Each set holds lemmas. ``EVENT_FAMILIES`` groups predicates that news writers use for
the same kind of happening ("retake", "recapture", "regain"), so that two sources'
wordings of one event can be recognised as such by :mod:`newsweave.reconcile.timeline`.
"""

from __future__ import annotations

# Nouns that name a happening: "the incursion", "the counteroffensive", "the vote".
EVENT_NOUNS = frozenset("""
    attack assault offensive counteroffensive counter-offensive incursion invasion raid strike
    airstrike bombing bombardment shelling battle fight fighting clash ambush siege blockade
    occupation liberation capture seizure recapture withdrawal retreat pullout advance push
    breakthrough escalation mobilization mobilisation deployment evacuation
    ceasefire cease-fire truce armistice negotiation talks summit meeting visit call
    election vote referendum poll inauguration coup revolution uprising protest demonstration
    rally strike riot crackdown arrest detention trial verdict sentencing conviction acquittal
    execution assassination killing murder shooting explosion blast crash collapse fire flood
    earthquake hurricane storm outbreak epidemic pandemic lockdown
    resignation dismissal appointment nomination election announcement decision
    agreement deal accord treaty pact signing ratification approval rejection veto
    sanction embargo ban merger acquisition takeover bankruptcy layoff launch release
    exchange swap handover transfer
    flight landing takeoff launch delivery shipment order purchase sale auction bid tender
    contest competition award ceremony celebration festival tour trip journey voyage visit
    conference hearing inquiry investigation probe lawsuit suit dispute settlement ruling
    speech interview statement debate testimony
    accident collision derailment sinking fire outage failure malfunction recall delay
    cancellation postponement shutdown closure opening inauguration departure arrival
    production development introduction unveiling rollout test trial evaluation
    expansion reduction cut increase merger split spinoff
""".split())

# Verbs whose object names the event they stand for: "launched a counteroffensive".
SUPPORT_VERBS = frozenset("""
    launch begin start mount stage conduct carry hold make undertake initiate open
    announce order end complete
""".split())

# Verbs that move forces somewhere, and the forces they move: "sent troops into Syria",
# "sent its forces pouring across the border" report a crossing (see ``PATH_PREDICATES``).
DISPATCH_VERBS = frozenset("send deploy dispatch move throw order".split())
FORCE_NOUNS = frozenset("""
    troop troops force forces soldier soldiers army armies unit units brigade brigades battalion
    battalions division divisions tank tanks fighter fighters marine marines paratrooper paratroopers
    commando commandos
""".split())
# The crossing a dispatch of forces reports, by the preposition of its path.
PATH_PREDICATES = {"across": "cross", "over": "cross", "through": "cross", "into": "enter", "inside": "enter"}

# Verbs of saying and believing: their clausal complement is attributed to their subject.
REPORTING_VERBS = frozenset("""
    say tell claim report announce state declare allege insist assert maintain add note
    argue believe think warn confirm acknowledge admit write explain suggest estimate
    predict contend stress emphasize emphasise indicate reveal disclose concede
    accuse charge testify tweet post recount recall observe remark reply respond
    answer agree
""".split())

# Verbs that deny their complement: "denied that troops were encircled".
DENIAL_VERBS = frozenset("deny reject dismiss refute rebut dispute contradict".split())

# Verbs that recommend their complement: "urged Kyiv to withdraw".
RECOMMEND_VERBS = frozenset("""
    urge recommend advise call propose suggest demand insist encourage press implore
    want need
""".split())

# Modals by the commitment they give a clause.
RECOMMEND_MODALS = frozenset({"should", "must", "ought", "shall"})
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "would", "will", "'ll", "wo", "can", "ca"})

# Verbs of intention or expectation: "planned to attack" did not (yet) happen.
IRREALIS_VERBS = frozenset("""
    plan hope intend expect aim threaten seek try attempt want wish prepare vow promise
    pledge offer consider mull weigh decide
""".split())

# Verbs that say when something happened rather than what: their xcomp is the event.
ASPECTUAL_VERBS = frozenset("begin start continue keep stop cease resume finish go come".split())

# Main verbs that describe states rather than happenings.
STATIVE_VERBS = frozenset("""
    be have seem appear remain become mean include contain involve represent serve
    belong consist know like love hate own possess exist matter need want feel look sound
    stand lie cost weigh
""".split())

# Families of predicates (verbs and event nouns) that report the same kind of happening.
EVENT_FAMILIES: tuple[frozenset[str], ...] = tuple(frozenset(f.split()) for f in (
    "enter retake recapture capture seize take regain reclaim liberate occupy control storm "
    "capture seizure recapture occupation liberation fall",
    "withdraw retreat pull leave abandon evacuate exit withdrawal retreat pullout evacuation",
    "invade incursion invasion offensive enter cross push attack assault raid counteroffensive "
    "counter-offensive",
    "agree accept approve endorse back sign support ratify agreement deal accord approval",
    "propose offer suggest proposal offer",
    "strike bomb shell hit target airstrike bombing bombardment shelling",
    "kill die slay murder killing murder death",
    "meet talk negotiate discuss meeting talks negotiation summit call",
    "freeze suspend halt cut stop pause ban",
    "resume restore lift unfreeze",
    "announce declare say state announcement declaration",
    "elect vote win election vote",
    "resign quit step resignation",
    "arrest detain jail arrest detention",
    "advance gain progress advance breakthrough",
    "surround encircle besiege encirclement siege",
))

# Prepositions whose named object receives what happens: "delivered to the airline".
RECIPIENT_PREPOSITIONS = frozenset({"to"})

# Prepositions whose object is where an event happened.
PLACE_PREPOSITIONS = frozenset({"in", "at", "into", "near", "across", "inside", "outside", "on",
                                "from", "towards", "toward", "around", "within", "through"})

"""A small learned reader of danger language, beside the lexicon: logistic regression over words
and word classes.

The lexicon (the pack's `analysis.safety_language`) names the danger words it knows; this reader
was trained by tools/train_safety.py on messages written by people who never saw those words, so
it also hears danger said in other ways (control, coercion, veiled threats, indirect talk of
ending one's life). Besides words, word pairs and stems it reads hand-written word classes
(CONCEPTS: monitoring, money, permission, isolation, threats, leverage, self-ending...) and the
pairs of classes met in one clause, which carry from one writer's phrasing to another's; joke and
"it was resolved" markers are classes too, and speak against danger. One head says "danger";
four more say which safety page fits. Weights ship as int8 steps in safety_model.json (read from
its table copy, `feature_table`, without building a dict of names) and load
only when a message is first read (a few ms), so start-up does not pay for them. It reads the
analyzer's normalised text (lower case, apostrophes dropped, shorthand spelled out), the same
text it learned from.
"""

from __future__ import annotations

import binascii  # base64 would import more modules at every start for the same decoding
import re
from array import array
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from softlanding.analysis import feature_table
from softlanding.analysis.feature_table import Rows

WEIGHTS = Path(__file__).with_name("safety_model.json")
HEADS: tuple[str, ...] = ("danger", "danger_now", "self_harm", "hurt_partner", "partner_fear")
PAGES = HEADS[1:]
_WORD = re.compile(r"[^\W_]+")
_CLAUSE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
_STEM = 5  # a word's first letters also count: "strangled" and "strangling" meet at "strang"
_MAX_CHARS = 5000  # a long paste is left to the lexicon

# Word classes that carry across writers (a phrasing seen once is memorised; a class is learned):
# each class is comma-separated words (a trailing "*" takes any ending) and phrases, in the
# normalised text (lower case, apostrophes dropped: "dont", "youll"). A message gets "c:CLASS"
# per class it uses and "cc:A+B" per pair of classes met in one clause ("he" + "tracks" +
# "location"). GUARD (joking, fiction, food) and SETTLED (it was resolved) speak against danger.
CONCEPTS: dict[str, str] = {
    "PARTNER": (
        "he,she,him,her,his,hers,hes,shes,husband,wife,boyfriend,girlfriend,partner,bf,gf,"
        "fiance,fiancee,hubby,spouse,ex,missus,fella"
    ),
    "PERMISSION": (
        "allowed,allow*,let,lets,letting,permission,approve*,approval,forbid*,banned,ban,"
        "ask permission,have to ask,has to ask,had to ask,check with him,check with her,"
        "his ok,her ok,wont let,doesnt let,didnt let,not allowed,isnt allowed,make me ask,"
        "curfew,rule,rules,his rules,her rules,limit,only if,made me,makes me,approves,timed,"
        "report to,photo first,on speaker,door open,door stays open,mileage,a key,learn to drive,"
        "doesnt want me,so only he,so only she,only he knows,only she knows"
    ),
    "MONITOR": (
        "check*,reads,read,reading,track*,location*,password*,passcode*,app,apps,camera*,"
        "follow*,watching,watches,gps,airtag*,spy*,spied,monitor*,phone*,messages,texts,"
        "screenshot*,snoop*,logs,record*,whereabouts,inbox,emails,browser,history,unlock*,"
        "pin,goes through,went through,go through,find my,life360,who i talk,who im talking,"
        "where i am,where i was,where ive been,every minute,keeps calling,calls me,turns up,"
        "turned up,shows up,showed up,outside my,drives past,drove past,waiting outside,"
        "parked outside,video call,facetime,prove where,send a photo,send him a photo,"
        "send her a photo,account"
    ),
    "MONEY": (
        "card,cards,account*,wage*,salary,allowance,money,bank*,cash,pay,payday,paycheck,"
        "paid,receipt*,spend*,spent,budget*,debt*,loan*,credit,benefits,savings,pocket money,"
        "in his name,in her name,every penny,every pound,every dollar,every cent"
    ),
    "ISOLATE": (
        "friend*,family,sister*,brother*,mum*,mom*,mother,dad*,father,parents,see,seeing,"
        "visit*,alone,cut off,cut me off,stop seeing,go out,going out,went out,colleague*,"
        "coworker*,work,job,church,gym,them or me,its them or,choose between,nobody else,"
        "no one else,only need me,only have me,all i need"
    ),
    "THREAT": (
        "if you,if i,or else,youll see,you will see,watch what,regret*,dont make me,"
        "last time,youll be sorry,you will be sorry,see what happens,what happens,"
        "make you pay,wont be pretty,remember what happened,next time,try it,i dare you,"
        "ill make sure,make sure you,accidents,careful,warned,warning,consequences,"
        "youll find out,find out what,ill ruin,ruin you,never see,i know where,finish you,"
        "end you,wont like,youll wish,pay for this,mark my words"
    ),
    "LEVERAGE": (
        "kids,kid,children,child,son,daughter,baby,custody,dog,dogs,cat,cats,pet,pets,puppy,"
        "visa,papers,deport*,passport,immigration,home office,citizenship,green card,photos,"
        "nudes,pictures,pics,video*,out me,tell everyone,tell your,post them,share them,"
        "social services,the police"
    ),
    "SELF_END": (
        "burden,better off,wake up,disappear*,goodbye,end it,end it all,tired of being,"
        "no point,whats the point,cant go on,cant do this anymore,give up,giving up,"
        "giving my,gave away,not be here,not be around,wont be around,wont be here,"
        "sleep forever,end everything,pills,bridge,myself,no way out,last message,letters,"
        "say goodbye,miss me,without me,gone,not here anymore,not exist,stop existing,"
        "want out,everyone would,tired,numb,empty,nothing left,so done,done with everything,"
        "sorry for everything,making peace,at peace,understand soon,youll understand,"
        "after this week,after tonight,deal with me,borrowed time,be free,a weight,rope,"
        "if anything happens,not your fault,take care of the,look after the,the will,my will,"
        "sorted everything,tidied up,paid back,planning how,the other kind,for good,"
        "not worth,worthless,pointless,at rest,final,paracetamol,long while,very long time,forever,"
        "wont need,loose ends,made my peace,peace with it,much longer,platform,reservoir,remove me,"
        "keep spinning,why i bother,why i bothered,stop everything,still be here,a drain,"
        "picked a date,the long way,last time,getting my goodbyes,goodbyes,what if i just"
    ),
    "SEX": (
        "sex,bed,touch*,duty,owe,owes,owed,said no,sleep with,the mood,asleep,kept going,"
        "didnt stop,wouldnt stop,didnt want to,made me,pressure*,guilt*,wives,wifely,"
        "girlfriends do,husbands,body,undress*,consent,intimate,intimacy,kiss*,clothes,naked,"
        "on top,pinned,rights,expected it,turn him down,turn her down,wanting it,want it,"
        "get through,lie there,its over,over with,the clock,comfortable,say yes,said yes,"
        "say no,pull away,holds on,rape*,didnt want it,do it,whenever he wants,"
        "whenever she wants,available,least i can do,if i loved,if you loved,crying,cried,"
        "gave in,give in,until i say yes,tonight,in the end"
    ),
    "FEAR": (
        "stomach drops,tiptoe*,eggshells,mood,moods,careful what i say,scared,afraid,"
        "terrified,frightened,fear,set him off,sets him off,set her off,sets her off,react,"
        "hide,hiding,hid,flinch*,shaking,nervous,dread*,panic*,keep quiet,keep the peace,"
        "footsteps,hear the door,gets home,comes home,rehearse*,walk on,on edge,"
        "heart pounding,cant breathe,what he will do,what she will do,what hell do,"
        "what shell do,what happens when,breathe,relax,never lasts,which way,feel sick,heart,"
        "full name,excuse*,goes off,go off,key in,his key,her key,due back,away,cleaned,"
        "too scared,pretend*,cant tell,silence,the look,that look,quiet,tone,careful,"
        "walking on,mood*,trigger*,blow up,explode*,safer,freeze,froze,jumpy,whisper*,"
        "sick to my stomach,holding my breath,hold my breath,kicks off,kick off,it turns,grief,"
        "just in case,risk,forecast,slept in the car,sleep in the car,he notices,she notices,"
        "listens at,tap running,plan my day,around not,take the wrong way,rather sleep,"
        "risk waking,can breathe,feel safe,feel safer,before he gets,before she gets"
    ),
    "GASLIGHT": (
        "crazy,imagining,imagined,never happened,didnt happen,unstable,believe,making it up,"
        "made it up,remember it wrong,insane,psycho,too sensitive,mental,memory,in your head,"
        "in my head,dramatic,overreact*,losing my mind,losing it,paranoid,nobody would,"
        "no one would,no one will,nobody will,doubt myself,my fault"
    ),
    "URGE": (
        "i might,scared i,afraid i,want to hit,wanted to hit,i could hurt,lose control,"
        "lost control,lost it,snapped,grabbed,shoved,pushed,my temper,rage,my hands,"
        "raised my,i hit,i threw,i slapped,what im becoming,what i might do,scare myself,"
        "i scare,frightened i,terrified i,worried i,hit my,hurt my,going to hit,"
        "going to hurt,hit him,hit her,hurt him,hurt her,get out of the house,cool down"
    ),
    "NOW": (
        "right now,now,outside,door,locked,lock*,window,police,help,please help,bathroom,"
        "tonight,on his way,on her way,banging,hurry,come quick,call someone,cant get out,"
        "wont let me leave,wont let me out,blocking,blocked"
    ),
    "FORCE": (
        "threw,throw*,thrown,smash*,broke,punch*,wall,grab*,pinned,choke*,neck,throat,"
        "bruise*,marks,doorway,shove*,push*,slam*,dragged,drag*,hair,arm,wrist*,held me down,"
        "kicked,bit"
    ),
    "HARM_SELF": (
        "cut,cutting,cuts,burnt,burned,burn myself,hurt myself,blade*,lighter,razor,"
        "being alive,alive,worthless,overdose,feel something,scratch*,harm"
    ),
    "WEAPON": (
        "knife,knives,gun,guns,bat,hammer,scissors,rope,belt,kitchen knife,weapon*,rifle,lighter"
    ),
    "PURSUE": (
        "schedule,shifts,ringing,rings,emails,emailed,messaged,whenever i,address,"
        "knows where,know where,my route,my car,my house,my flat,my work,my gym,new number,"
        "blocked him,blocked her,fake account,new account,waiting for me,everywhere i go,"
        "same car,still texts,still calls,wont stop,keeps turning,keeps messaging"
    ),
    "COMPLY": (
        "safer,pretend*,keep quiet,calm down,make it worse,watch his,watch her,gave in,"
        "give in,go along,agree with everything,easier than,just agree,say sorry,apologise,"
        "apologize,smile,scared to tell,heart pounds,cant risk,finding out,find out"
    ),
    "SETTLED": (
        "i didnt,let go,said sorry,respects,respected,respect,said ok,calmer,therapist,"
        "counsellor,counselor,gp,processing,hasnt since,cuddled,all i wanted,just words,"
        "were ok,talked it through,we talked,not anything else,breathed,straight away,both,"
        "we agreed,i ask the same,cutting back,walk away,walked away,i come back,came back"
    ),
    "GUARD": (
        "lol,lmao,haha,hahaha,just kidding,kidding,joking,joke,not literally,literally,"
        "banter,teasing,tease,game,movie,film,show,book,episode,character,series,netflix,"
        "work,boss,traffic,football,match,team,sandwich,pizza,cake,chocolate,coffee"
    ),
}


def features(text: str, stem: int = _STEM, concepts: bool = False) -> list[str]:
    """A text's distinct features: words, word pairs (with the edges marked) and word stems;
    with `concepts`, the word classes it uses and the pairs of classes met in one clause."""
    flat = ["<s>", *_WORD.findall(text.lower()), "</s>"]
    out = dict.fromkeys(flat)
    for i in range(len(flat) - 1):
        out[flat[i] + " " + flat[i + 1]] = None
    if stem:
        for w in flat:
            if len(w) > stem:
                out[w[:stem] + "~"] = None
    if concepts:
        out.update(dict.fromkeys(concept_features(text)))
    return list(out)


def concept_features(text: str) -> list[str]:
    """Each class the text uses ("c:CLASS"), and each pair of classes met in one clause
    ("cc:A+B")."""
    found: set[str] = set()
    pairs: set[str] = set()
    for m in _CLAUSE.finditer(text.lower()):
        classes = _classes(_WORD.findall(m.group()))
        if classes:
            found |= classes
            ordered = sorted(classes)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    pairs.add("cc:" + a + "+" + b)
    return ["c:" + c for c in sorted(found)] + sorted(pairs)


def _classes(words: list[str]) -> set[str]:
    """The classes a clause's words and phrases belong to."""
    out: set[str] = set()
    phrase, starts = _PHRASES.get, _STARTS
    n = len(words)
    for i, w in enumerate(words):
        got = _MEMO.get(w)
        if got is None:
            got = _word_classes(w)
            if len(_MEMO) < _MEMO_LIMIT:
                _MEMO[w] = got
        if got:
            out.update(got)
        if w in starts:  # only a phrase's first word opens a look-ahead
            gram = w
            for j in range(i + 1, min(n, i + _LONGEST)):
                gram += " " + words[j]
                found = phrase(gram)
                if found:
                    out.update(found)
    return out


def _word_classes(w: str) -> tuple[str, ...]:
    """The classes one word belongs to, as itself or by its beginning ("tracks" at "track")."""
    out = list(_EXACT.get(w, ()))
    for size in _PREFIX_SIZES:
        if len(w) >= size:
            out.extend(_PREFIX.get(w[:size], ()))
    return tuple(dict.fromkeys(out))


def _index() -> tuple[dict[str, tuple[str, ...]], ...]:
    exact: dict[str, list[str]] = {}
    prefix: dict[str, list[str]] = {}
    phrase: dict[str, list[str]] = {}
    for name, entries in CONCEPTS.items():
        for entry in entries.split(","):
            if entry.endswith("*"):
                prefix.setdefault(entry[:-1], []).append(name)
            elif " " in entry:
                phrase.setdefault(entry, []).append(name)
            else:
                exact.setdefault(entry, []).append(name)
    return tuple({k: tuple(v) for k, v in d.items()} for d in (exact, prefix, phrase))


_EXACT, _PREFIX, _PHRASES = _index()
_PREFIX_SIZES = sorted({len(k) for k in _PREFIX})
_LONGEST = max(len(k.split()) for k in _PHRASES)
_STARTS = frozenset(k.split()[0] for k in _PHRASES)
_MEMO: dict[str, tuple[str, ...]] = {}  # word -> its classes (the same words come back all day)
_MEMO_LIMIT = 50_000


class SafetyModel:
    """Per-head weights; `page` says which safety page a message calls for, or None."""

    def __init__(self, data: dict[str, Any], table: feature_table.Table | None = None) -> None:
        if tuple(data["heads"]) != HEADS:
            raise ValueError("the weights are for other heads")
        k = len(HEADS)
        self.settings: dict[str, Any] = dict(data.get("settings") or {})
        self.stem = int(self.settings.get("stem", _STEM))
        self.concepts = bool(self.settings.get("concepts", False))
        self.steps: Sequence[int]
        if table is not None:  # the table copy: no names to split, no base64 to decode
            self._rows, self.steps = table.rows, table.weights  # views of the mapped file
        else:
            self._rows = Rows(k, names=str(data["features"] or ""))
            self.steps = array("b", binascii.a2b_base64(str(data["weights"])))
        if len(self.steps) != len(self._rows) * k:
            raise ValueError("the weights do not match the features")
        self.scale: list[float] = [float(x) for x in data["scale"]]
        self.bias: list[float] = [float(x) for x in data["bias"]]
        self.threshold = float(data["threshold"])  # log-odds of "danger" that flags a message
        veto = data.get("veto")  # log-odds below which a lexicon hit is overruled (an idiom)
        self.veto = float(veto) if isinstance(veto, (int, float)) else None
        kinds = data.get("veto_kinds")  # ...of these kinds only (never self-harm, say)
        self.veto_kinds = frozenset(str(k) for k in kinds) if isinstance(kinds, list) else None
        if len(self.scale) != k or len(self.bias) != k:
            raise ValueError("the weights do not match the heads")

    @property
    def rows(self) -> Rows:
        """feature -> where its steps start (a table at first, a dict once many are read)."""
        return self._rows

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SafetyModel | None:
        """The shipped weights (their table copy when it is there), or None when missing or
        damaged (the lexicon still runs)."""
        fast = feature_table.read(path, len(HEADS))
        try:
            if fast is not None:
                return cls(fast.header, fast)
        except (ValueError, KeyError, TypeError):
            pass  # a table that does not add up: the JSON, as when there is none
        try:
            import json  # only without the table copy

            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _danger(self, rows: list[int]) -> float:
        """The "danger" head's log-odds from the rows of a text's known features."""
        return self.bias[0] + sum(map(self.steps.__getitem__, rows)) * self.scale[0]

    def danger(self, text: str, concepts: bool | None = None) -> float:
        """The log-odds that `text` holds danger language (the first head only: cheap); with
        `concepts=False`, as if the word classes were not there (to see what they add)."""
        feats = features(text, self.stem, self.concepts if concepts is None else concepts)
        return self._danger(self._rows.of(feats))

    def scores(self, text: str) -> list[float]:
        """Every head's log-odds for `text`."""
        return self._heads(self._rows.of(features(text, self.stem, self.concepts)))

    def _heads(self, rows: list[int]) -> list[float]:
        k, steps = len(HEADS), self.steps
        sums = [0] * k
        for row in rows:
            for i in range(k):
                sums[i] += steps[row + i]
        return [b + s * c for b, s, c in zip(self.bias, sums, self.scale, strict=True)]

    def page(self, text: str) -> str | None:
        """The safety page `text` calls for when the model hears danger in it; else None. The
        features are read once: the page heads are summed only for a message over the line."""
        if not text or len(text) > _MAX_CHARS:
            return None
        rows = self._rows.of(features(text, self.stem, self.concepts))
        if self._danger(rows) < self.threshold:
            return None
        s = self._heads(rows)
        return PAGES[max(range(len(PAGES)), key=lambda i: s[i + 1])]

    def overrules(self, text: str, kinds: list[str]) -> bool:
        """Whether the model is sure enough that `text` holds no danger to overrule the
        lexicon's `kinds` ("I'll kill you if you spoil the finale 😂"): kinds it may overrule
        only, below the veto chosen by cross-validation, where no danger message the lexicon
        caught with them ever scored."""
        allowed = self.veto_kinds
        if self.veto is None or allowed is None or not kinds or not allowed.issuperset(kinds):
            return False
        return bool(text) and len(text) <= _MAX_CHARS and self.danger(text) < self.veto

    def span(self, text: str) -> tuple[int, int]:
        """The clause that sounds most like danger: the place a flag points to, and why."""
        best, where = float("-inf"), (0, len(text))
        for m in _CLAUSE.finditer(text):
            if m.group().strip():
                score = self.danger(m.group())
                if score > best:
                    best, where = score, (m.start(), m.end())
        start, end = where
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


@cache
def shared() -> SafetyModel | None:
    """The shipped model, loaded once, on first use."""
    return SafetyModel.load()


def overruled(text: str, kinds: list[str]) -> bool:
    """Whether the shipped model overrules the lexicon's `kinds` on `text` (normalised)."""
    model = shared()
    return model is not None and model.overrules(text, kinds)


def page_of_text(text: str) -> str | None:
    """The safety page the shipped model hears in `text` (normalised), or None."""
    model = shared()
    return model.page(text) if model is not None else None

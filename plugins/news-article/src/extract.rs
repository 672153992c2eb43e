//! Finding who said what in a sentence: attribution cues, speakers, relay chains, quotes and stance.

use claims_plugin::{ParsedClaim, Span, SpeechAct};

use crate::dates::find_date;
use crate::fold::is_arabic;
use crate::sources::SourceIndex;
use crate::text::{Quote, Tok, trim};

// ---------------------------------------------------------------- word lists (folded forms)

/// Present-tense speech verbs: only a report when they open the clause ("ويتوقع الصندوق أن"),
/// not inside someone else's words ("إن كيم يتوقع استمرار المناقشات").
const AR_SAY_PRESENT: &[&str] = &[
    "يتوقع",
    "تتوقع",
    "يعتبر",
    "تعتبر",
    "يحذر",
    "تحذر",
    "يرجح",
    "ترجح",
    "يتهم",
    "تتهم",
    "يوضح",
    "توضح",
];
const AR_SAY: &[&str] = &[
    "انتقد",
    "انتقدت",
    "انتقدوا",
    "اعرب",
    "اعربت",
    "اعربوا",
    "وصف",
    "وصفت",
    "وصفها",
    "وصفه",
    "وصفوا",
    "شكك",
    "شككت",
    "شككوا",
    "عزا",
    "عزت",
    "عزوا",
    "اتهم",
    "اتهمت",
    "اتهموا",
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "يقولون",
    "افاد",
    "افادت",
    "افادوا",
    "ذكر",
    "ذكرت",
    "ذكروا",
    "اكد",
    "اكدت",
    "اكدوا",
    "يؤكد",
    "تؤكد",
    "اوضح",
    "اوضحت",
    "اشار",
    "اشارت",
    "اضاف",
    "اضافت",
    "اضافوا",
    "يضيف",
    "تضيف",
    "اعلن",
    "اعلنت",
    "اعلنوا",
    "صرح",
    "صرحت",
    "حذر",
    "حذرت",
    "كشف",
    "كشفت",
    "شدد",
    "شددت",
    "اردف",
    "اردفت",
    "زعم",
    "زعمت",
    "ادعي",
    "ادعت",
    "لفت",
    "لفتت",
    "ابلغ",
    "ابلغت",
    "اخبر",
    "اخبرت",
    "اعترف",
    "اعترفت",
    "رجح",
    "رجحت",
    "توقع",
    "توقعت",
    "نقل",
    "نقلت",
    "نقلوا",
    "افادت",
    "كتبت",
    "غرد",
    "غردت",
    "اعتبر",
    "اعتبرت",
    "اعتبروا",
    "يري",
    "تري",
    "يرون",
    "يعتقد",
    "تعتقد",
];
const AR_DENY: &[&str] = &[
    "استبعد",
    "استبعدت",
    "نفاه",
    "نفته",
    "نفوه",
    "نفتها",
    "نفاها",
    "نفي",
    "نفت",
    "نفوا",
    "ينفي",
    "تنفي",
    "انكر",
    "انكرت",
    "كذب",
    "كذبت",
];
const AR_REJECT: &[&str] = &["رفض", "رفضت", "رفضوا", "يرفض", "ترفض"];
const AR_REFUSE_OBJ: &[&str] = &[
    "تعليق",
    "رد",
    "اجابه",
    "كشف",
    "افصاح",
    "ادلاء",
    "حديث",
    "تعقيب",
];
/// Participles that continue the sentence's speaker: "مشيراً إلى أن".
const AR_PART: &[&str] = &[
    "متهما",
    "متهمه",
    "قائلا",
    "قائله",
    "قائلين",
    "متوقعا",
    "متوقعه",
    "محملا",
    "محمله",
    "معربا",
    "معربه",
    "مشيرا",
    "مشيره",
    "مضيفا",
    "مضيفه",
    "مؤكدا",
    "مؤكده",
    "موضحا",
    "موضحه",
    "لافتا",
    "لافته",
    "محذرا",
    "محذره",
    "معتبرا",
    "معتبره",
    "منوها",
    "منوهه",
];
/// Verbs by which evidence speaks ("بيانات X تظهر أن"), counted only when X is a known source.
const AR_EVID: &[&str] = &[
    "يبين",
    "تبين",
    "يظهر",
    "تظهر",
    "اظهر",
    "اظهرت",
    "يشير",
    "تشير",
    "تكشف",
    "يكشف",
];
const EN_EVID: &[&str] = &[
    "shows",
    "showed",
    "show",
    "indicate",
    "indicates",
    "indicated",
    "suggest",
    "suggests",
    "suggested",
];
const EN_PART: &[&str] = &[
    "accusing",
    "adding",
    "warning",
    "saying",
    "noting",
    "stressing",
    "insisting",
];
const AR_RELAY: &[&str] = &["نقل", "نقلت", "نقلوا"];
const AR_ACC: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "طبقا"];
const AR_COMP: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "اننا",
    "انني",
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "بانهما",
];
/// Words that end a speaker phrase; matched as written (after و/ف only), since "على" and the
/// name "العلي" fold alike once the article goes.
const AR_STOP: &[&str] = &[
    "ما",
    "الي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "خلال",
    "امس",
    "الشهر",
    "الاسبوع",
    "الماضي",
    "الماضيه",
    "اليوم",
    "يوم",
    "مساء",
    "صباح",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الاحد",
    "عن",
    "القول",
    "قوله",
    "قولها",
    "قولهم",
    "قائلا",
    "قائله",
    "قائلين",
    "علي",
    "مؤخرا",
    "ايضا",
    "كذلك",
    "امام",
    "حيث",
    "الذي",
    "التي",
    "الذين",
    "بشان",
    "عقب",
    "بعد",
    "قبل",
    "اثناء",
    "لدي",
    "مجددا",
    "الان",
    "منذ",
    "وقت",
    "ضمن",
    "حتي",
    "عبر",
    "ل",
    "لـ",
    "عدم",
];
/// After "في", these make an adverbial ("في بيان", "في وقت سابق"), not part of a name.
const AR_ADVERBIAL: &[&str] = &[
    "وقت",
    "بيان",
    "مؤتمر",
    "تصريح",
    "تصريحات",
    "حديث",
    "مقابله",
    "تغريده",
    "منشور",
    "كلمه",
    "خطاب",
    "اتصال",
    "لقاء",
    "ختام",
    "اعقاب",
    "ساعه",
    "يوم",
    "ليل",
    "صباح",
    "مساء",
    "بدايه",
    "نهايه",
    "منتصف",
    "مطلع",
    "اواخر",
    "رساله",
    "حين",
    "الوقت",
    "سياق",
    "رده",
    "معرض",
    "اطار",
];
/// Words that open a clause before an Arabic subject-verb order and are never the subject.
const AR_FUNCTION: &[&str] = &[
    "اذ",
    "فيما",
    "كما",
    "بينما",
    "حيث",
    "قد",
    "ثم",
    "لكن",
    "ولكن",
    "وقد",
    "لقد",
    "كان",
    "كانت",
    "وكان",
    "وكانت",
    "ما",
    "لم",
    "لن",
    "لا",
    "هذا",
    "هذه",
    "ذلك",
    "غير",
    "الا",
    "عندما",
    "بعدما",
    "حسبما",
    "مثلما",
    "كذلك",
    "ايضا",
    "ومضي",
    "مضي",
    // connectives before a VSO verb: "في حين نفت الوزارة", "في المقابل قال"
    "حين",
    "المقابل",
    "جهته",
    "جهتها",
    "جهتهم",
    "جانبه",
    "جانبها",
    "جانبهم",
    "بدوره",
    "بدورها",
    "بدورهم",
];
const AR_AUDIENCE: &[&str] = &[
    "للصحفيين",
    "للصحافيين",
    "لصحفيين",
    "للصحافه",
    "لوسائل",
    "للتلفزيون",
    "لتلفزيون",
    "لقناه",
    "لصحيفه",
    "لوكاله",
    "لموقع",
    "لاذاعه",
    "للاذاعه",
    "لشبكه",
    "لمجله",
    "للمراسلين",
    "لمراسل",
    "للاعلام",
    "لوسايل",
];
const AR_NOT_SPEAKER: &[&str] = &[
    "للصحفيين",
    "للصحافيين",
    "صحفيين",
    "صحافيين",
    "مراسلين",
    "اعلام",
];

const EN_SAY: &[&str] = &[
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "cautioned",
    "cautions",
    "blamed",
    "threatened",
    "vowed",
    "pledged",
    "promised",
    "accused",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "announced",
    "announces",
    "added",
    "adds",
    "confirmed",
    "confirms",
    "reported",
    "warned",
    "warns",
    "claimed",
    "wrote",
    "writes",
    "noted",
    "explained",
    "insisted",
    "argued",
    "acknowledged",
    "admitted",
    "alleged",
    "asserted",
    "revealed",
    "disclosed",
    "predicted",
    "estimated",
    "tweeted",
    "concluded",
    "informed",
    "quoted",
    "cited",
    "stressed",
    "maintained",
    "contended",
    "declared",
    "responded",
];
/// Plain verbs of reporting, which may report another speech act inside their content.
const PLAIN_REPORT: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "صرح",
    "صرحت",
    "اضاف",
    "اضافت",
    "said",
    "says",
    "told",
    "tells",
    "stated",
    "reported",
    "announced",
    "confirmed",
    "added",
    "wrote",
    "writes",
];
const EN_DENY: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "refuted",
    "disputed",
    "disputes",
];
const EN_REFUSE: &[&str] = &["declined", "declines", "refused", "refuses"];
const EN_REFUSE_OBJ: &[&str] = &[
    "give",
    "provide",
    "reveal",
    "disclose",
    "name",
    "identify",
    "comment",
    "discuss",
    "confirm",
    "elaborate",
    "say",
    "answer",
    "respond",
    "speak",
    "specify",
    "detail",
    "address",
];
const EN_PASSIVE: &[&str] = &[
    "was", "were", "been", "be", "is", "are", "being", "it's", "widely",
];
const EN_SKIP_BEFORE: &[&str] = &[
    "be",
    "could",
    "can",
    "cannot",
    "may",
    "might",
    "also",
    "has",
    "have",
    "had",
    "later",
    "earlier",
    "previously",
    "separately",
    "again",
    "recently",
    "reportedly",
    "publicly",
    "repeatedly",
    "then",
    "further",
    "would",
    "will",
    "once",
    "first",
    "had",
    "already",
    "privately",
    "initially",
    "subsequently",
    "meanwhile",
    "last",
    "week",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "on",
    "did",
    "does",
    "not",
    "immediately",
    "never",
    "only",
];
const EN_BOUND: &[&str] = &[
    "that", "which", "who", "whom", "while", "as", "when", "because", "after", "before", "if",
    "although", "though", "whereas", "since", "where", "what", "how", "why",
];
const EN_OBJ_STOP: &[&str] = &[
    "that", "in", "on", "at", "during", "to", "as", "about", "after", "before", "last", "this",
    "earlier", "late", "by", "from", "when", "while", "who", "which", "but", "for", "over", "via",
    "with", "he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "there", "this",
    "these", "those", "the", "a", "an",
];
const EN_PRON_PERSON: &[&str] = &["he", "she", "him", "her"];
const EN_PRON_OTHER: &[&str] = &["it", "they", "we", "i"];
const DOC_NOUNS: &[&str] = &[
    "poll",
    "survey",
    "study",
    "census",
    "استطلاع",
    "دراسه",
    "مسح",
    "تقرير",
    "تقارير",
    "بيان",
    "تصريحات",
    "تصريح",
    "رساله",
    "خطاب",
    "وثيقه",
    "وثائق",
    "بيانات",
    "صور",
    "معلومات",
    "تقديرات",
    "مقال",
    "تحقيق",
    "report",
    "reports",
    "statement",
    "statements",
    "document",
    "documents",
    "data",
    "letter",
    "analysis",
    "images",
    "footage",
    "remarks",
    "comments",
    "memo",
    "memorandum",
    "filing",
    "article",
    "investigation",
    "assessment",
    "estimates",
    "post",
    "message",
    "records",
    "figures",
    "tally",
];
/// Words that make a phrase a possible source ("officials", "مصادر") rather than a reason.
const SPEAKER_NOUNS: &[&str] = &[
    "officials",
    "official",
    "sources",
    "source",
    "people",
    "person",
    "analysts",
    "experts",
    "diplomats",
    "residents",
    "witnesses",
    "data",
    "figures",
    "estimates",
    "police",
    "authorities",
    "government",
    "ministry",
    "agency",
    "group",
    "organisation",
    "organization",
    "monitors",
    "مسؤولين",
    "مسؤولون",
    "مسؤول",
    "مصادر",
    "مصدر",
    "خبراء",
    "خبير",
    "دبلوماسيين",
    "دبلوماسيون",
    "شهود",
    "سكان",
    "وثائق",
    "بيانات",
    "ارقام",
    "تقديرات",
    "محللين",
    "محللون",
    "مراقبين",
    "مراقبون",
    "ناشطين",
    "ناشطون",
    "حكومه",
    "وزاره",
    "هيئه",
    "منظمه",
    "وكاله",
    "صحيفه",
    "مركز",
    "مرصد",
];
const OUTLET_NOUNS: &[&str] = &[
    "صحيفه",
    "وكاله",
    "موقع",
    "قناه",
    "شبكه",
    "مجله",
    "اذاعه",
    "تلفزيون",
    "newspaper",
    "paper",
    "agency",
    "outlet",
    "broadcaster",
    "network",
    "channel",
    "website",
    "site",
    "magazine",
    "daily",
    "times",
    "post",
    "journal",
    "tv",
    "radio",
    "news",
    "television",
    "wire",
    "tribune",
];
const PERSON_NOUNS: &[&str] = &[
    "مزارع",
    "طبيب",
    "طبيبه",
    "مهندس",
    "معلم",
    "ناشط",
    "ناشطه",
    "صحفي",
    "صحفيه",
    "مواطن",
    "تاجر",
    "طالب",
    "ساكن",
    "محامي",
    "اقتصادي",
    "كاتب",
    "شاهد",
    "عميد",
    "عقيد",
    "لواء",
    "نقيب",
    "محافظ",
    "مديره",
    "نائب",
    "متحدث",
    "ناطق",
    "وزير",
    "رئيس",
    "مستشار",
    "سفير",
    "جنرال",
    "مدير",
    "زعيم",
    "محلل",
    "باحث",
    "سيناتور",
    "نائب",
    "مسؤول",
    "قائد",
    "خبير",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "adviser",
    "advisor",
    "official",
    "ambassador",
    "general",
    "director",
    "chief",
    "mayor",
    "governor",
    "senator",
    "leader",
    "analyst",
    "professor",
    "researcher",
    "secretary",
    "chairman",
    "chairwoman",
    "commander",
    "expert",
    "envoy",
    "lawmaker",
    "he",
    "she",
    "ceo",
    "premier",
    "king",
    "prince",
    "chancellor",
    "diplomat",
    "dr",
    "mr",
    "mrs",
    "ms",
];
const REFUSAL_TEXT: &[&str] = &[
    "no comment",
    "nothing to say",
    "not going to comment",
    "cannot comment",
    "can't comment",
    "won't comment",
    "would not comment",
    "declined to comment",
    "لا تعليق",
    "ليس لدي تعليق",
    "ليس لدينا تعليق",
    "ليس هناك ما يقال",
    "لا شيء يقال",
    "لن نعلق",
    "لن اعلق",
    "لا نعلق",
    "لا اعلق",
];

// ---------------------------------------------------------------- state across sentences

/// What kind of speaker a mention is, so anaphora finds the right antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person ("he", "أضاف" with no subject).
    Person,
    /// A news outlet ("the newspaper", "الوكالة").
    Outlet,
    /// Anything else (governments, groups of officials).
    Other,
}

/// A speaker as the parser settled it.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// Source key, or the name as written.
    pub name: String,
    /// Its kind, for anaphora.
    pub kind: Kind,
    /// Folded words of the phrase that named it, for "the minister" style anaphora.
    pub words: Vec<String>,
    /// The workspace kind of the source it resolved to, or empty.
    pub skind: String,
}

/// Which source kinds "the company", "the ministry", "الوكالة" can refer back to.
fn anaphor_kinds(w: &Tok) -> Option<&'static [&'static str]> {
    const TABLE: &[(&[&str], &[&str])] = &[
        (
            &[
                "company",
                "firm",
                "group",
                "carrier",
                "operator",
                "airline",
                "bank",
                "insurer",
                "retailer",
                "maker",
                "manufacturer",
                "producer",
                "club",
                "شركه",
                "مجموعه",
                "مصرف",
                "بنك",
            ],
            &["company"],
        ),
        (
            &[
                "ministry",
                "authority",
                "regulator",
                "department",
                "office",
                "agency",
                "commission",
                "وزاره",
                "هيئه",
                "سلطات",
                "مفوضيه",
                "جهاز",
                "وكاله",
            ],
            &["government", "intelligence", "agency"],
        ),
        (
            &[
                "organisation",
                "charity",
                "ngo",
                "organization",
                "union",
                "party",
                "منظمه",
                "نقابه",
                "حزب",
                "جمعيه",
            ],
            &["other", "government"],
        ),
        (
            &[
                "newspaper",
                "paper",
                "daily",
                "outlet",
                "broadcaster",
                "channel",
                "network",
                "صحيفه",
                "قناه",
                "شبكه",
                "موقع",
            ],
            &["outlet", "agency"],
        ),
    ];
    TABLE
        .iter()
        .find(|(nouns, _)| w.v.iter().any(|v| nouns.contains(&v.as_str())))
        .map(|(_, kinds)| *kinds)
}

/// Everything the parser remembers while reading a document.
pub struct Reader<'a> {
    /// The document.
    pub doc: &'a str,
    /// Its quotations.
    pub quotes: &'a [Quote],
    /// The workspace's sources.
    pub index: &'a SourceIndex<'a>,
    /// The year most dates of the document share.
    pub year: Option<u32>,
    /// Speakers in the order they were mentioned.
    pub history: Vec<Speaker>,
    /// The last claim, for quotes that continue it.
    pub last: Option<ParsedClaim>,
    /// The last speaker of the current sentence, for a second subject-less verb.
    pub sent_speaker: Option<Speaker>,
    /// Whether the speaker just resolved came from the context (pronoun, no subject).
    pub anaphoric: bool,
    /// Whether it was a definite head noun taken up from an earlier speaker ("the source").
    pub noun_anaphor: bool,
    /// Sources named in earlier sentences, most recent last.
    pub mentioned: Vec<usize>,
}

// ---------------------------------------------------------------- per-sentence analysis

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    /// "according to X", "بحسب X": X is the speaker or an outer relay.
    According,
    /// "citing X", "نقلا عن X": X is deeper in the chain.
    Citing,
}

#[derive(Debug, Clone)]
struct Marker {
    kind: MarkKind,
    start: usize,
    target: (usize, usize),
    /// Where a source name may still be found ("citing tracking data from X").
    wide: usize,
    /// An outlet the target spoke to ("خبراء تحدثوا لبي بي سي"): an outer relay.
    by: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Verb {
    cue: usize,
    cue_end: usize,
    stance: SpeechAct,
    /// Index range of the subject, if written.
    subj: Option<(usize, usize)>,
    /// Whether the subject follows the verb (Arabic VSO, English inversion).
    subj_after: bool,
    /// Subject-less verb whose speaker comes from the context; the kind wanted.
    anaphora: bool,
    audience: Option<(usize, usize)>,
    /// "quoted by X", "interviewed by X": an outer relay.
    outer_by: Option<(usize, usize)>,
    /// The sentence's opening name, for a participle with no speaker before it.
    lead_subj: Option<(usize, usize)>,
    cited: Vec<(usize, usize)>,
    /// First token of the attribution (subject or cue).
    attr_start: usize,
    /// Last token + 1 of the attribution (subject, audience, complementizer).
    attr_end: usize,
    /// Whether the content comes before the attribution ("...," he said).
    content_before: bool,
    markers: Vec<usize>,
    outer_verbs: Vec<usize>,
    dead: bool,
    arabic: bool,
}

fn is_punct(t: &Tok, set: &str) -> bool {
    !t.word && t.f.chars().all(|c| set.contains(c))
}

const HARD_PUNCT: &str = "،,:;؛.()[]!?؟\"“”«»„‟";

impl<'a> Reader<'a> {
    /// The body (not a person) this sentence's speaker or, failing that, the latest speaker
    /// named: whose officer "its general secretary" or "رئيسها" is.
    fn body_just_named(&self) -> Option<Speaker> {
        self.sent_speaker
            .clone()
            .filter(|s| s.kind != Kind::Person)
            .or_else(|| {
                self.history
                    .iter()
                    .rev()
                    .find(|s| s.kind != Kind::Person)
                    .cloned()
            })
    }

    fn text(&self, toks: &[Tok], r: (usize, usize)) -> &'a str {
        &self.doc[toks[r.0].s..toks[r.1 - 1].e]
    }

    /// Scans forward from `i` for a phrase naming someone, stopping at the usual boundaries.
    fn phrase_after(&self, toks: &[Tok], i: usize, max: usize, arabic: bool) -> usize {
        let mut j = i;
        while j < toks.len() && j - i < max {
            let t = &toks[j];
            // a quoted name inside the phrase: صحيفة "الصباح" المحلية, مع "الجزيرة نت"
            if !t.word
                && let Some(q) = self.quotes.iter().find(|q| q.open == t.s)
            {
                let inner = toks[j + 1..]
                    .iter()
                    .take_while(|x| x.s < q.inner_end)
                    .filter(|x| x.word)
                    .count();
                if (1..=3).contains(&inner) {
                    while j < toks.len() && toks[j].s < q.close_end {
                        j += 1;
                    }
                    continue;
                }
            }
            if t.q.is_some() || is_punct(t, HARD_PUNCT) {
                break;
            }
            if arabic && t.f == "من" && toks.get(j + 1).is_some_and(|x| x.is_verb(AR_COMP)) {
                break;
            }
            // a number or an accusative ("حاجاً") starts the object, not the speaker
            if arabic
                && j > i
                && (t.f.chars().all(|c| c.is_ascii_digit())
                    || self.doc[t.s..t.e].contains('\u{064B}'))
            {
                break;
            }
            // "وقال أحدهم لبي بي سي": the outlet spoken to ends the speaker (unless the
            // phrase says so itself: "خبراء تحدثوا لبي بي سي")
            let spoke = j > i
                && (toks[j - 1].is_verb(&["تحدث", "تحدثت", "تحدثوا", "صرح", "صرحت"])
                    || toks[j - 1].is_any(&["متحدثا", "متحدثين", "متحدثه"]));
            if arabic && j > i && !spoke && self.outlet_after_lam(toks, t) {
                break;
            }
            // "نائب عن المنطقة": a representative for, not "on behalf of" a relay
            if arabic && t.f == "عن" && j > i && toks[j - 1].is_any(&["نائب", "ممثل", "نواب"])
            {
                j += 1;
                continue;
            }
            // "مصادر مطلعة على المحادثات", "مصدر مقرب من الرئاسة": the phrase goes on
            if arabic
                && j > i
                && t.is_any(&["علي", "من"])
                && toks[j - 1].is_any(&[
                    "مطلع",
                    "مطلعه",
                    "مطلعين",
                    "مطلعون",
                    "مقرب",
                    "مقربه",
                    "مقربين",
                    "مقربون",
                    "قريب",
                    "قريبه",
                    "قريبين",
                    "قريبون",
                ])
                && toks.get(j + 1).is_some_and(|x| x.word)
            {
                j += 2;
                continue;
            }
            if arabic {
                // "في بيان", "في نشرتها الشهرية": an adverbial, not part of the name
                let possessed = |x: &Tok| {
                    !x.f.starts_with("ال")
                        && ["ها", "هم", "ته", "تها"]
                            .iter()
                            .any(|suf| x.f.ends_with(suf))
                };
                let adverbial_fi = t.f == "في"
                    && (j == i
                        || toks
                            .get(j + 1)
                            .is_none_or(|x| x.is_any(AR_ADVERBIAL) || !x.word || possessed(x)));
                // "مسؤول طلب عدم الكشف عن هويته": a clause about the source ends its name
                let aside = t.is_verb(&[
                    "طلب",
                    "طلبت",
                    "طلبوا",
                    "رفض",
                    "رفضت",
                    "رفضوا",
                    "فضل",
                    "فضلت",
                    "فضلوا",
                    "اشترط",
                    "اشترطت",
                    "اشترطوا",
                ]) && toks.get(j + 1).is_some_and(|y| {
                    y.is_any(&["عدم", "الكشف", "ذكر", "نشر", "الافصاح", "كشف", "اغفال"])
                });
                if t.is_verb(AR_COMP)
                    || aside
                    || adverbial_fi
                    || t.is_verb(AR_STOP)
                        && !(t.f.ends_with("علي") && self.doc[t.s..t.e].ends_with('ي') && j > i)
                    || AR_AUDIENCE.contains(&t.f.as_str()) && j > i
                    || t.is_any(AR_ACC)
                    || t.is_verb(AR_PART)
                    || t.is_any(&["نقلا"])
                    || t.is_verb(AR_SAY)
                    || t.is_verb(AR_DENY)
                {
                    break;
                }
            } else if j > i
                && matches!(t.f.as_str(), "with" | "to" | "on" | "of" | "in")
                && matches!(
                    toks[j - 1].f.as_str(),
                    "familiar" | "close" | "briefed" | "knowledge" | "aware" | "involved"
                )
            {
                // "people familiar with the talks", "sources close to the minister"
                j += 1;
                if toks
                    .get(j)
                    .is_some_and(|x| matches!(x.f.as_str(), "the" | "a" | "an"))
                {
                    j += 1;
                }
                continue;
            } else if j > i
                && t.f == "with"
                && toks
                    .get(j + 1)
                    .is_some_and(|x| matches!(x.f.as_str(), "knowledge" | "direct" | "ties"))
            {
                // "a person with knowledge of the matter"
                j += 1;
                continue;
            } else if j > i
                && matches!(t.f.as_str(), "at" | "from" | "of")
                && (toks[j - 1].is_any(SPEAKER_NOUNS)
                    || toks[j - 1].is_any(PERSON_NOUNS)
                    || toks[j - 1].is_any(&["executives", "employees", "staff", "members"]))
                && toks.get(j + 1).is_some_and(|x| x.f == "the" || x.cap)
            {
                // "officials at the interior ministry", "a source from the ruling party"
                j += 1;
                if toks[j].f == "the" {
                    j += 1;
                }
                continue;
            } else if j > i
                && (EN_OBJ_STOP.contains(&t.f.as_str()) || EN_BOUND.contains(&t.f.as_str()))
                || is_en_cue(t)
            {
                break;
            }
            j += 1;
        }
        j
    }

    /// Finds every attribution in one sentence and turns it into claims.
    pub fn sentence(&mut self, s: usize, e: usize, toks: &[Tok]) -> Vec<ParsedClaim> {
        let n = toks.len();
        self.sent_speaker = None;
        // A headline (a short line of its own with no final stop) reports no one's words.
        let line_alone = self.doc[..s].ends_with('\n') || s == 0;
        let line_ends = self.doc[e..].starts_with(['\n', '\r']) || e == self.doc.len();
        let stop = self.doc[..e].ends_with(['.', '!', '?', '؟', '"', '”', '»', ')', ':']);
        if line_alone && line_ends && !stop && toks.iter().filter(|t| t.word).count() <= 14 {
            return Vec::new();
        }
        let mut used = vec![false; n];
        let mut markers: Vec<Marker> = Vec::new();
        // 1. markers
        for i in 0..n {
            let t = &toks[i];
            if !t.word || t.q.is_some() {
                continue;
            }
            let (kind, ts) = if t.f == "according" && toks.get(i + 1).is_some_and(|x| x.f == "to") {
                (MarkKind::According, i + 2)
            } else if t.f == "citing" || t.f == "quoting" {
                (MarkKind::Citing, i + 1)
            } else if matches!(t.f.as_str(), "cited" | "quoted")
                && i > 0
                && matches!(toks[i - 1].f.as_str(), "which" | "who")
            {
                // "citing B, which cited C": one link deeper
                (MarkKind::Citing, i + 1)
            } else if toks.get(i + 1).is_some_and(|x| x.is_any(&["عن"]))
                && (t.is_any(&["نقلا"])
                    || t.is_verb(AR_RELAY) && i > 0 && toks[i - 1].is_any(&["التي", "الذي"]))
            {
                // "نقلا عن X", "... التي نقلت عن X"
                (MarkKind::Citing, i + 2)
            } else if t.is_any(AR_ACC) && t.f != "حسبما" {
                let mut ts = i + 1;
                if toks.get(ts).is_some_and(|x| x.f == "ل" || x.f == "لـ") {
                    ts += 1;
                }
                // "بحسب ما نقلته وكالة X عن Y", "وفق ما أوردته رويترز"
                if toks.get(ts).is_some_and(|x| x.f == "ما")
                    && toks.get(ts + 1).is_some_and(|x| {
                        x.is_verb(&[
                            "نقلته",
                            "نقله",
                            "ذكرته",
                            "ذكره",
                            "اوردته",
                            "اورده",
                            "اعلنته",
                            "اعلنه",
                            "قالته",
                            "قاله",
                            "نشرته",
                            "نشره",
                            "افادت",
                            "افاد",
                            "ذكرت",
                            "نقلت",
                            "اوردت",
                            "اعلنت",
                            "كشفته",
                            "كشفت",
                            "بثته",
                            "بثه",
                        ])
                    })
                {
                    ts += 2;
                    if toks.get(ts).is_some_and(|x| x.f == "به") {
                        ts += 1;
                    }
                }
                (MarkKind::According, ts)
            } else {
                continue;
            };
            let arabic = t.f.starts_with(is_arabic);
            let te = self.phrase_after(toks, ts, 9, arabic);
            let mut wide = te;
            // "two executives who spoke to Reuters", "مسؤول طلب عدم الكشف عن هويته": a relative
            // or participial clause about the source is not part of its name
            let relative_clause = |k: usize| {
                let x = &toks[k];
                matches!(x.f.as_str(), "who" | "whom" | "which" | "that" | "speaking")
                    || x.is_verb(&["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"])
                    || x.is_verb(&[
                        "طلب",
                        "طلبت",
                        "طلبوا",
                        "فضل",
                        "فضلت",
                        "فضلوا",
                        "رفض",
                        "رفضت",
                        "رفضوا",
                        "اشترط",
                        "اشترطت",
                        "اشترطوا",
                    ]) && toks.get(k + 1).is_some_and(|y| {
                        y.is_any(&["عدم", "الكشف", "ذكر", "نشر", "الافصاح", "كشف", "اغفال"])
                    })
            };
            while wide < n
                && wide - ts < 12
                && !is_punct(&toks[wide], HARD_PUNCT)
                && toks[wide].q.is_none()
                && !relative_clause(wide)
            {
                wide += 1;
            }
            // the relative pronoun belongs to the parenthetical
            let relative = i > 0
                && (matches!(toks[i - 1].f.as_str(), "which" | "who")
                    || toks[i - 1].is_any(&["التي", "الذي"]));
            let from = if relative && kind == MarkKind::Citing {
                i - 1
            } else {
                i
            };
            if te > ts {
                for u in used.iter_mut().take(te).skip(from) {
                    *u = true;
                }
                let split = (ts + 1..te.saturating_sub(1)).find(|&k| {
                    (toks[k].is_verb(&["تحدث", "تحدثت", "تحدثوا"])
                        || toks[k].is_any(&["متحدثا", "متحدثين", "متحدثه"]))
                        && (AR_AUDIENCE.contains(&toks[k + 1].f.as_str())
                            || toks[k + 1].f.starts_with('ل'))
                });
                // "an internal memo seen by Reuters": the memo speaks, Reuters relays it
                let split = split.or_else(|| {
                    (ts + 1..wide.saturating_sub(2)).find(|&k| {
                        matches!(
                            toks[k].f.as_str(),
                            "seen" | "obtained" | "reviewed" | "viewed" | "acquired"
                        ) && toks[k + 1].f == "by"
                    })
                });
                let split_by = |k: usize| {
                    if toks[k].f.starts_with(is_arabic) {
                        k + 1
                    } else {
                        k + 2
                    }
                };
                let (target, by) = match split {
                    Some(k) => ((ts, k.min(te)), Some((split_by(k), wide.max(te)))),
                    None => ((ts, te), None),
                };
                markers.push(Marker {
                    kind,
                    start: i,
                    target,
                    wide: if by.is_some() { target.1 } else { wide },
                    by,
                });
                // "... نقلته وكالة X عن Y": Y is cited by X
                if kind == MarkKind::According && toks.get(te).is_some_and(|x| x.f == "عن") {
                    let ce = self.phrase_after(toks, te + 1, 9, true);
                    if ce > te + 1 {
                        for u in used.iter_mut().take(ce).skip(te) {
                            *u = true;
                        }
                        markers.push(Marker {
                            kind: MarkKind::Citing,
                            start: te,
                            target: (te + 1, ce),
                            wide: ce,
                            by: None,
                        });
                    }
                }
            }
        }
        // 2. verbs
        let mut verbs: Vec<Verb> = Vec::new();
        for i in 0..n {
            let t = &toks[i];
            if !t.word || t.q.is_some() || used[i] {
                continue;
            }
            if let Some(v) = self.verb_at(toks, i, &used) {
                verbs.push(v);
            }
        }
        // 2b. A denial verb with no proposition for object ("rejected the results", "رفض العرض")
        // is an act, not a denial of a claim: in the main clause it asserts, and inside
        // another speaker's reported content (after "that"/"أن") it is part of that content.
        let vcount = verbs.len();
        for k in 0..vcount {
            if verbs[k].stance != SpeechAct::Denies || denies_proposition(toks, &verbs[k]) {
                continue;
            }
            let framed = verbs[..k]
                .iter()
                .any(|w| !w.dead && !w.content_before && w.attr_end <= verbs[k].attr_start)
                || hedge_before(toks, verbs[k].attr_start);
            // "rejected the results, alleging fraud": the claim is the allegation
            let justified = toks[verbs[k].cue_end.min(n)..]
                .iter()
                .take(12)
                .skip_while(|x| x.word)
                .take(2)
                .any(|x| {
                    x.is_verb(AR_PART)
                        || EN_PART.contains(&x.f.as_str())
                        || matches!(x.f.as_str(), "alleging" | "arguing" | "claiming")
                });
            if framed {
                verbs[k].dead = true;
            } else if justified {
                verbs[k].stance = SpeechAct::Asserts;
            }
        }
        // 3. embedding: "the agency said that Kim said ..." is Kim's claim relayed by the agency
        for k in 0..vcount {
            if verbs[k].content_before {
                continue;
            }
            let end = verbs[k].attr_end;
            if let Some(j) = (k + 1..vcount).find(|&j| {
                let w = &verbs[j];
                !w.dead
                    && !w.subj_after
                    && w.subj.is_some()
                    && w.attr_start == end
                    && !w.content_before
            }) {
                // "told Reuters that members had warned of strikes": only a plain report
                // ("said", "قال") inside the content is another speaker's relayed claim
                if verbs[j].stance != SpeechAct::Declines
                    && !toks[verbs[j].cue].is_verb(PLAIN_REPORT)
                {
                    verbs[j].dead = true;
                } else {
                    verbs[j].outer_verbs.push(k);
                    verbs[k].dead = true;
                }
            }
        }
        // "X said ..., Interfax reported": the trailing verb relays the earlier one.
        for k in 0..vcount {
            if verbs[k].content_before
                && !verbs[k].subj_after
                && let Some(j) = (0..k)
                    .rev()
                    .find(|&j| !verbs[j].dead && !verbs[j].content_before)
            {
                verbs[j].outer_verbs.push(k);
                verbs[k].dead = true;
            }
        }
        let mut out = Vec::new();
        // 4. attach markers to the nearest verb
        let mut free_markers = Vec::new();
        for (mi, m) in markers.iter().enumerate() {
            let best = verbs
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.dead)
                .min_by_key(|(_, v)| (v.cue as isize - m.start as isize).unsigned_abs());
            match best {
                Some((vi, _)) => verbs[vi].markers.push(mi),
                None => free_markers.push(mi),
            }
        }
        // "According to people familiar with the talks, one member argued for a cut": once
        // the "according to X," frame opens the sentence, a verb in its content that is not a
        // plain report ("said", "قال") with its own complement is part of the content.
        for v in verbs.iter_mut().filter(|v| !v.dead) {
            let framing: Vec<usize> = v
                .markers
                .iter()
                .copied()
                .filter(|&m| {
                    let mk = &markers[m];
                    mk.kind == MarkKind::According
                        && mk.by.is_none()
                        && mk.target.1 <= v.attr_start
                        && toks[..mk.start].iter().filter(|t| t.word).count() <= 1
                        && toks[mk.target.1..v.attr_start]
                            .iter()
                            .any(|t| is_punct(t, ",،"))
                })
                .collect();
            let own_act = match v.stance {
                SpeechAct::Asserts => false,
                SpeechAct::Denies => denies_proposition(toks, v),
                _ => true,
            };
            if framing.is_empty() || own_act || v.content_before {
                continue;
            }
            let plain = toks[v.cue].is_verb(PLAIN_REPORT);
            let complement = toks[v.cue_end.min(n)..].iter().take(4).any(|t| {
                t.f == "that" || t.is_verb(AR_COMP) || is_quote_tok(t) || is_punct(t, ":")
            });
            if !plain && !complement {
                v.dead = true;
                free_markers.extend(std::mem::take(&mut v.markers));
            }
        }
        // 5. claims from verbs
        for k in 0..vcount {
            if verbs[k].dead {
                continue;
            }
            let mut chain: Vec<Option<Speaker>> = Vec::new();
            let outer: Vec<usize> = verbs[k].outer_verbs.clone();
            for &o in &outer {
                let ov = verbs[o].clone();
                chain.extend(self.verb_chain(toks, &ov, &markers));
            }
            let v = verbs[k].clone();
            chain.extend(self.verb_chain(toks, &v, &markers));
            let anaphoric = self.anaphoric && outer.is_empty();
            // content
            let (cs, ce) = if v.content_before {
                let prev_end = verbs[..k]
                    .iter()
                    .rev()
                    .find(|w| !w.dead)
                    .map(|w| w.cue_end.max(w.attr_end))
                    .unwrap_or(0);
                (prev_end.min(v.attr_start), v.attr_start)
            } else {
                let next = verbs[k + 1..]
                    .iter()
                    .find(|w| !w.dead)
                    .map(|w| if w.content_before { n } else { w.attr_start })
                    .unwrap_or(n);
                (v.attr_end.min(next), next)
            };
            if let Some(mut c) = self.claim(toks, chain, (cs, ce), &v, s, e) {
                // "he added": still speaking to the same outlet
                if let Some(last) = self.last.as_ref().filter(|_| anaphoric && c.via.is_empty())
                    && last.origin == c.origin
                {
                    c.via.clone_from(&last.via);
                }
                self.last = Some(c.clone());
                out.push(c);
            }
        }
        // 6. claims from markers alone
        if verbs.iter().all(|v| v.dead) {
            let acc: Vec<&usize> = free_markers
                .iter()
                .filter(|&&m| markers[m].kind == MarkKind::According)
                .collect();
            let cit: Vec<&usize> = free_markers
                .iter()
                .filter(|&&m| markers[m].kind == MarkKind::Citing)
                .collect();
            // "..., citing price competition": a reason, not a source
            let speakerish = |m: &Marker| {
                let r = &toks[m.target.0..m.wide.max(m.target.1)];
                let narrow = &toks[m.target.0..m.target.1];
                // Arabic بحسب / نقلا عن introduce sources; English "citing" may give a reason
                toks[m.start].f.starts_with(is_arabic)
                    || self.index.find(r).is_some()
                    || narrow.iter().any(|t| t.cap)
                    || r.iter().any(|t| {
                        t.is_any(SPEAKER_NOUNS)
                            || t.is_any(&[
                                "executives",
                                "insiders",
                                "negotiators",
                                "investigators",
                                "aides",
                                "officers",
                                "lawyers",
                                "employees",
                                "staff",
                                "members",
                                "bankers",
                                "traders",
                                "economists",
                                "advisers",
                                "advisors",
                            ])
                            || t.is_any(PERSON_NOUNS)
                            || t.is_any(OUTLET_NOUNS)
                            || t.is_any(DOC_NOUNS)
                    })
            };
            let acc: Vec<&usize> = acc
                .into_iter()
                .filter(|&&m| speakerish(&markers[m]))
                .collect();
            let cit: Vec<&usize> = cit
                .into_iter()
                .filter(|&&m| speakerish(&markers[m]))
                .collect();
            if let Some(&&first) = acc.first().or(cit.first()) {
                let mut chain = Vec::new();
                for &&m in acc.iter().chain(cit.iter()) {
                    if let Some(r) = markers[m].by {
                        chain.push(self.resolve(toks, r, true));
                    }
                    let r = markers[m].target;
                    chain.push(self.resolve_wide(toks, r, markers[m].wide, false));
                }
                let m = &markers[first];
                let lead = toks[..m.start].iter().filter(|t| t.word).count();
                let last_used = markers
                    .iter()
                    .map(|m| m.target.1.max(m.by.map_or(0, |b| b.1)))
                    .max()
                    .unwrap_or(m.target.1);
                // "According to two executives who spoke on condition of anonymity, ...": the
                // clause about the source is not the content
                let aside = toks.get(last_used).is_some_and(|x| {
                    matches!(x.f.as_str(), "who" | "whom" | "which")
                        || x.is_verb(&[
                            "الذي",
                            "التي",
                            "الذين",
                            "طلب",
                            "طلبت",
                            "طلبوا",
                            "رفض",
                            "رفضت",
                            "رفضوا",
                            "فضل",
                            "فضلت",
                            "فضلوا",
                        ])
                });
                let last_used =
                    match (last_used..n.min(last_used + 16)).find(|&k| is_punct(&toks[k], ",،")) {
                        Some(k) if aside => k + 1,
                        _ => last_used,
                    };
                let (cs, ce) = if lead <= 1 {
                    (last_used, n)
                } else {
                    (0, m.start)
                };
                let mut pseudo = self.bare_verb(
                    m.start,
                    SpeechAct::Asserts,
                    toks[m.start].f.starts_with(is_arabic),
                );
                pseudo.cue_end = m.target.1;
                pseudo.attr_end = m.target.1;
                pseudo.content_before = lead > 1;
                if let Some(c) = self.claim(toks, chain, (cs, ce), &pseudo, s, e) {
                    out.push(c);
                }
            }
        }
        // 7. a quote continuing the previous speaker's words
        if out.is_empty()
            && markers.is_empty()
            && let (Some(last), Some(first)) = (&self.last, toks.first())
        {
            let same_par = !self.doc[last.span.end.min(s)..s].contains('\n');
            let q = self.quotes.iter().find(|q| q.open == first.s);
            if let (true, Some(q)) = (same_par, q) {
                let (a, b) = trim(self.doc, q.inner_start, q.inner_end);
                if a < b {
                    let mut c = last.clone();
                    c.text = self.doc[a..b].to_string();
                    c.span = Span { start: a, end: b };
                    c.quote = true;
                    c.stance = stance_of_text(&c.text, SpeechAct::Asserts);
                    c.lang = Some(lang(&c.text).to_string());
                    out.push(c);
                }
            }
        }
        if let Some(c) = out.last() {
            self.last = Some(c.clone());
        }
        for src in self.index.all_named(toks) {
            self.mentioned.retain(|&m| m != src);
            self.mentioned.push(src);
        }
        if out.is_empty() {
            // "The challenger, Mikkel Dahl, welcomed the ruling.": a person to say "he" of next
            let head: Vec<Tok> = toks
                .iter()
                .filter(|t| t.q.is_none())
                .take(8)
                .cloned()
                .collect();
            if let Some(h) = self.index.find_first(&head)
                && self.index.is_person(h.source)
            {
                let src = self.index.get(h.source);
                self.history.push(Speaker {
                    name: src.key.clone(),
                    kind: Kind::Person,
                    words: Vec::new(),
                    skind: src.kind.clone(),
                });
            }
        }
        out
    }

    /// Whether a ل-prefixed word starts a known outlet's name ("لبي بي سي"), so it is an audience.
    fn outlet_after_lam(&self, toks: &[Tok], x: &Tok) -> bool {
        if !x.f.starts_with('ل') || x.f.starts_with("لل") || !x.word {
            return false;
        }
        let Some(k) = toks.iter().position(|t| t.s == x.s) else {
            return false;
        };
        let end = (k + 4).min(toks.len());
        self.index
            .find(&toks[k..end])
            .is_some_and(|h| h.at == 0 && self.index.is_outlet(h.source))
    }

    /// Whether a phrase names a news outlet, so an interviewer counts as a relay.
    fn outletish(&self, toks: &[Tok], r: (usize, usize)) -> bool {
        match self.index.find(&toks[r.0..r.1]) {
            Some(h) => self.index.is_outlet(h.source),
            None => {
                let words: Vec<String> = toks[r.0..r.1]
                    .iter()
                    .filter(|t| t.word)
                    .map(|t| t.v.last().cloned().unwrap_or_default())
                    .collect();
                kind_of(&words) == Kind::Outlet
            }
        }
    }

    /// A verb with nothing read yet, for the special refusal patterns.
    fn bare_verb(&self, i: usize, stance: SpeechAct, arabic: bool) -> Verb {
        Verb {
            cue: i,
            cue_end: i + 1,
            stance,
            subj: None,
            subj_after: false,
            anaphora: false,
            audience: None,
            outer_by: None,
            lead_subj: None,
            cited: vec![],
            attr_start: i,
            attr_end: i + 1,
            content_before: false,
            markers: vec![],
            outer_verbs: vec![],
            dead: false,
            arabic,
        }
    }

    /// Recognises an attribution verb at token `i` and reads its subject.
    fn verb_at(&self, toks: &[Tok], i: usize, used: &[bool]) -> Option<Verb> {
        let t = &toks[i];
        let arabic = t.f.starts_with(is_arabic);
        let mut stance = SpeechAct::Asserts;
        let mut cue_end = i + 1;
        let mut relay = false;
        let mut passive_relay: Option<(usize, usize)> = None;
        // "طلب عدم ذكر اسمه": asked not to be named, not a report
        if i > 0 && toks[i - 1].is_verb(&["عدم"]) {
            return None;
        }
        // "مصدر رفض الكشف عن هويته", "طلب عدم نشر اسمه": a remark about the source, not a refusal
        if t.is_verb(&[
            "طلب",
            "طلبت",
            "طلبوا",
            "رفض",
            "رفضت",
            "رفضوا",
            "فضل",
            "فضلت",
            "فضلوا",
        ]) && toks[i + 1..].iter().take(5).any(|x| {
            x.is_any(&[
                "هويته",
                "هويتها",
                "هويتهم",
                "اسمه",
                "اسمها",
                "اسمهم",
                "اسماءهم",
                "اسمائهم",
            ])
        }) {
            return None;
        }
        // "ويُعتقد أن", "يقال إن", "ويُتوقع أن": impersonal, nobody's claim
        if t.is_verb(&["يعتقد", "يقال", "يذكر", "يرجح", "يتوقع", "يفترض", "يشاع"])
            && toks.get(i + 1).is_some_and(|x| x.is_verb(AR_COMP))
        {
            return None;
        }
        let prev_comma = i > 0 && is_punct(&toks[i - 1], ",،");
        let denying = if arabic {
            t.is_verb(&["نافيا", "نافيه", "نافين"])
        } else {
            t.f == "denying" && prev_comma
        };
        let participle = denying
            || if arabic {
                t.is_verb(AR_PART)
            } else {
                EN_PART.contains(&t.f.as_str()) && prev_comma
            };
        if denying {
            stance = SpeechAct::Denies;
        }
        let evidence = if arabic {
            t.is_verb(AR_EVID)
        } else {
            EN_EVID.contains(&t.f.as_str())
        };
        if participle || evidence {
            // classified below
        } else if arabic {
            // "لم يتسن الحصول على تعليق من X", "لم يرد X على طلب للتعليق"
            let no_comment_ahead = toks[i + 1..].iter().take(10).any(|x| {
                x.is_any(&[
                    "تعليق",
                    "للتعليق",
                    "تعقيب",
                    "اسئله",
                    "استفسارات",
                    "طلب",
                    "طلبات",
                    "اتصالات",
                ])
            });
            let negated =
                i > 0 && matches!(toks[i - 1].f.as_str(), "لم" | "ولم" | "فلم" | "لا" | "تعذر");
            if no_comment_ahead && t.is_any(&["يتسن", "يتسني", "تعذر", "يمكن"]) {
                let k = (i + 1..toks.len())
                    .find(|&k| toks[k].is_any(&["تعليق", "للتعليق", "تعقيب"]))?;
                if toks.get(k + 1).is_some_and(|x| x.f == "من") {
                    let se = self.phrase_after(toks, k + 2, 8, true);
                    if se > k + 2 {
                        let mut v = self.bare_verb(i, SpeechAct::Declines, true);
                        v.subj = Some((k + 2, se));
                        v.subj_after = true;
                        v.attr_end = toks.len();
                        return Some(v);
                    }
                }
                return None;
            }
            let comment_verb = t.is_verb(&["يعلق", "تعلق", "يعقب", "تعقب"]);
            if negated && (comment_verb || no_comment_ahead && t.is_verb(&["يرد", "ترد"])) {
                let se = self.phrase_after(toks, i + 1, 8, true);
                let se = (i + 1..se).find(|&j| toks[j].f == "علي").unwrap_or(se);
                let mut v = self.bare_verb(i, SpeechAct::Declines, true);
                if se > i + 1 {
                    v.subj = Some((i + 1, se));
                    v.subj_after = true;
                } else {
                    v.anaphora = true;
                }
                v.attr_end = toks.len();
                return Some(v);
            }
            // "نقل" is also the noun "transport": a relay only with its "عن"
            if t.is_verb(AR_RELAY) && !toks[i + 1..].iter().take(8).any(|x| x.f == "عن") {
                return None;
            }
            // "ما وصفها كيم بـ...": what someone called it, inside another claim
            if t.is_verb(&["وصف", "وصفت", "وصفها", "وصفه", "وصفوا"])
                && i > 0
                && toks[i - 1].is_verb(&["ما", "الذي", "التي", "كما"])
            {
                return None;
            }
            let informed_of = t.is_any(&["ابلغ", "ابلغت", "اخبر", "اخبرت"])
                && toks.get(i + 1).is_some_and(|x| x.f.starts_with('ب'));
            if informed_of {
                return None;
            }
            let opens_clause = i == 0 || (t.f.starts_with('و') || t.f.starts_with('ف')) && i < 3;
            if t.is_verb(AR_SAY_PRESENT) && opens_clause {
                // "ويتوقع صندوق النقد الدولي أن": read as a speech verb below
            } else if t.is_verb(AR_SAY_PRESENT) {
                return None;
            }
            let goes_on = t.is_verb(&["تابع", "تابعت", "اردف", "اردفت"])
                && toks[i + 1..]
                    .iter()
                    .take(3)
                    .any(|x| is_punct(x, ":") || is_quote_tok(x) || x.is_verb(AR_COMP));
            if goes_on {
                // "وتابع ناصر: ...": goes on speaking
            } else if t.is_verb(AR_SAY) || t.is_verb(AR_SAY_PRESENT) {
                relay = t.is_verb(AR_RELAY);
            } else if t.is_verb(AR_DENY) {
                stance = SpeechAct::Denies;
            } else if t.is_verb(AR_REJECT) {
                let obj = toks[i + 1..]
                    .iter()
                    .take(10)
                    .take_while(|x| x.word)
                    .any(|x| x.is_any(AR_REFUSE_OBJ));
                stance = if obj {
                    SpeechAct::Declines
                } else {
                    SpeechAct::Denies
                };
            } else {
                return None;
            }
        } else {
            let f = t.f.as_str();
            let prev = i.checked_sub(1).map(|p| toks[p].f.as_str()).unwrap_or("");
            // "the announced plan", "the number of reported cases", "added to the list": no speech
            let adjectival = matches!(
                prev,
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "this"
                    | "these"
                    | "those"
                    | "of"
                    | "for"
                    | "with"
                    | "in"
                    | "on"
                    | "newly"
                    | "widely"
            );
            // "added to the list", "added 27 companies": not speech
            let added_to = f == "added"
                && toks.get(i + 1).is_some_and(|x| {
                    x.f == "to"
                        || x.f.chars().all(|c| c.is_ascii_digit())
                        || matches!(x.f.as_str(), "a" | "an" | "its" | "their" | "new" | "more")
                });
            if adjectival || added_to {
                return None;
            }
            if EN_PASSIVE.contains(&prev)
                && toks.get(i + 1).is_none_or(|x| x.f != "by")
                && f != "reached"
            {
                return None;
            }
            if f == "declared" && toks.get(i + 1).is_none_or(|x| x.f != "that") {
                // "declared a state of emergency": an act, not a claim
                return None;
            }
            if EN_SAY.contains(&f) {
                if (f == "say" || f == "says") && prev == "to" {
                    return None;
                }
                // "would not say whether": a refusal; "did not say how many": no claim
                if matches!(prev, "not" | "n't" | "never") {
                    let modal = i >= 2
                        && matches!(
                            toks[i - 2].f.as_str(),
                            "would" | "could" | "will" | "wouldn't" | "couldn't"
                        )
                        || matches!(prev, "n't") && i >= 2 && toks[i - 2].f.ends_with("would");
                    if !(modal && (f == "say" || f == "confirm")) {
                        return None;
                    }
                    stance = SpeechAct::Declines;
                }
            } else if EN_DENY.contains(&f) {
                stance = SpeechAct::Denies;
            } else if EN_REFUSE.contains(&f) {
                let ok = toks.get(i + 1).is_some_and(|x| x.f == "to")
                    && toks
                        .get(i + 2)
                        .is_some_and(|x| EN_REFUSE_OBJ.contains(&x.f.as_str()));
                if !ok {
                    return None;
                }
                stance = SpeechAct::Declines;
                cue_end = i + 3;
            } else if matches!(f, "called" | "described" | "calls" | "describes")
                && toks.get(i + 1).is_none_or(|x| x.f != "for")
                && toks[i + 1..].iter().take(8).any(is_quote_tok)
            {
                // "X called the decision "a vote of confidence""
            } else if matches!(f, "found" | "finds")
                && toks.get(i + 1).is_some_and(|x| x.f == "that")
            {
                // "the report found that ..."
            } else if f == "comment" && matches!(prev, "not" | "n't" | "never") {
                // "..., but would not comment further"
                stance = SpeechAct::Declines;
            } else if f == "reached"
                && toks.get(i + 1).is_some_and(|x| x.f == "for")
                && toks.get(i + 2).is_some_and(|x| x.f == "comment")
            {
                stance = SpeechAct::Declines;
                cue_end = i + 3;
            } else if matches!(f, "respond" | "reply" | "return")
                && matches!(prev, "not" | "immediately" | "n't")
            {
                let asked = |x: &Tok| {
                    matches!(
                        x.f.as_str(),
                        "comment"
                            | "claims"
                            | "allegations"
                            | "questions"
                            | "request"
                            | "requests"
                            | "queries"
                            | "inquiries"
                            | "calls"
                            | "emails"
                            | "messages"
                            | "accusations"
                    )
                };
                let asks = toks[i + 1..].iter().take(7).any(asked);
                if !asks {
                    return None;
                }
                stance = SpeechAct::Declines;
                cue_end = (i + 1..toks.len())
                    .find(|&j| asked(&toks[j]))
                    .map_or(i + 1, |j| j + 1);
            } else {
                return None;
            }
            relay = f == "quoted" || f == "cited";
            // "X was quoted by TASS as saying": TASS relays X
            let passive_by = matches!(prev, "was" | "were" | "been" | "is")
                && toks.get(i + 1).is_some_and(|x| x.f == "by");
            if relay && passive_by {
                relay = false;
                let be = self.phrase_after(toks, i + 2, 6, false);
                if be > i + 2 {
                    passive_relay = Some((i + 2, be));
                    cue_end = if toks.get(be).is_some_and(|x| x.f == "as")
                        && toks.get(be + 1).is_some_and(|x| x.f == "saying")
                    {
                        be + 2
                    } else {
                        be
                    };
                }
            }
        }
        let mut v = Verb {
            cue: i,
            cue_end,
            stance,
            subj: None,
            subj_after: false,
            anaphora: false,
            audience: None,
            outer_by: None,
            lead_subj: None,
            cited: vec![],
            attr_start: i,
            attr_end: cue_end,
            content_before: false,
            markers: vec![],
            outer_verbs: vec![],
            dead: false,
            arabic,
        };
        let n = toks.len();
        if participle {
            v.anaphora = true;
            // "Nurses at St. Aldric's walked off the job, saying ...": the sentence's subject
            if !arabic {
                // up to the first verb-looking word ("walked", "has", "were")
                let verbish = |t: &Tok| {
                    !t.cap
                        && (t.f.ends_with("ed")
                            || matches!(
                                t.f.as_str(),
                                "is" | "are"
                                    | "was"
                                    | "were"
                                    | "has"
                                    | "have"
                                    | "had"
                                    | "will"
                                    | "would"
                                    | "went"
                                    | "began"
                                    | "took"
                                    | "made"
                                    | "left"
                                    | "held"
                                    | "staged"
                            ))
                };
                let mut e = 0;
                while e < i
                    && e < 10
                    && toks[e].q.is_none()
                    && (toks[e].word || matches!(toks[e].f.as_str(), "'" | "’" | "."))
                    && !verbish(&toks[e])
                {
                    e += 1;
                }
                if e > 0 && toks[0].cap && toks[e].word && verbish(&toks[e]) {
                    v.lead_subj = Some((0, e));
                }
            }
        } else if evidence {
            // the subject before the verb, across one comma, back to a complementizer
            let se = if prev_comma { i - 1 } else { i };
            let mut b = se;
            while b > 0 && se - b < 8 {
                let x = &toks[b - 1];
                if !x.word || x.q.is_some() || used[b - 1] || x.is_verb(AR_COMP) || x.f == "that" {
                    break;
                }
                b -= 1;
            }
            if b < se && self.index.find(&toks[b..se]).is_some() {
                v.subj = Some((b, se));
                v.attr_start = b;
            } else {
                return None;
            }
        } else if arabic {
            // SV first: "وكانت الوكالة قد أفادت", "أن كيم قال", "غير أن الحزب نفى"
            if i >= 2
                && toks[i - 1].f == "قد"
                && let Some(k) = (i.saturating_sub(10)..i - 1)
                    .rev()
                    .find(|&k| toks[k].is_any(&["كان", "كانت", "كانوا"]))
                && k + 1 < i - 1
            {
                v.subj = Some((k + 1, i - 1));
                v.attr_start = k + 1;
            }
            let bare = AR_SAY.contains(&t.f.as_str())
                || AR_DENY.contains(&t.f.as_str())
                || AR_REJECT.contains(&t.f.as_str());
            if v.subj.is_none() && bare {
                // "مسؤولاً في الوزارة، فضل عدم الكشف عن هويته، استبعد": look past the aside
                let mut end = i;
                if i > 0
                    && is_punct(&toks[i - 1], "،,")
                    && let Some(c1) = (i.saturating_sub(12)..i - 1)
                        .rev()
                        .find(|&k| is_punct(&toks[k], "،,"))
                {
                    let aside = toks.get(c1 + 1).is_some_and(|t| {
                        t.is_verb(&[
                            "فضل",
                            "فضلت",
                            "طلب",
                            "طلبت",
                            "رفض",
                            "رفضت",
                            "الذي",
                            "التي",
                            "وهو",
                            "وهي",
                            "الذين",
                        ])
                    });
                    if aside {
                        end = c1;
                    }
                }
                let mut b = end;
                while b > 0 && end - b < 5 {
                    let x = &toks[b - 1];
                    if !x.word
                        || x.q.is_some()
                        || used[b - 1]
                        || x.is_verb(AR_COMP)
                        || x.is_verb(AR_STOP)
                        || x.is_any(AR_FUNCTION)
                        || x.is_verb(AR_SAY)
                    {
                        break;
                    }
                    b -= 1;
                }
                let found = b < end;
                let after_comp = b > 0
                    && (toks[b - 1].is_verb(AR_COMP)
                        || toks[b - 1].is_verb(&[
                            "لكن",
                            "بينما",
                            "فيما",
                            "كما",
                            "ثم",
                            "بل",
                            "اما",
                        ]));
                if found && (b == 0 || after_comp) {
                    v.subj = Some((b, end));
                    v.attr_start = b;
                }
            }
            // "..., واتهمت النقابة بـ": a coordinated accusation keeps the sentence's speaker
            let accuse = t.is_verb(&["اتهم", "اتهمت", "اتهموا"]);
            let coordinated = accuse && prev_comma && t.f.starts_with('و');
            // VSO: subject after the verb.
            let mut ss = if coordinated { n } else { cue_end };
            if stance == SpeechAct::Declines {
                ss = i + 1;
            }
            // A quoted name: وقالت "يونهاب" إن
            if let Some(q) = self
                .quotes
                .iter()
                .find(|q| v.subj.is_none() && toks.get(ss).is_some_and(|x| x.s == q.open))
            {
                let inner: Vec<usize> = (ss..n).take_while(|&j| toks[j].s < q.close_end).collect();
                let words = inner.iter().filter(|&&j| toks[j].word).count();
                let after = inner.last().map_or(ss, |&l| l + 1);
                if words > 0
                    && words <= 3
                    && toks
                        .get(after)
                        .is_none_or(|x| x.is_verb(AR_COMP) || is_punct(x, "،,"))
                {
                    v.subj = Some((ss + 1, after - 1));
                    v.subj_after = true;
                    v.attr_end = after;
                }
            }
            // "وقال لموقع X إن": no subject, the audience follows the verb at once
            if toks
                .get(ss)
                .is_some_and(|x| AR_AUDIENCE.contains(&x.f.as_str()))
            {
                ss = n;
            }
            if v.subj.is_none() && ss < n {
                // an accuser's object follows at once: keep the subject short
                let se = self.phrase_after(toks, ss, if accuse { 3 } else { 9 }, true);
                let se = if stance == SpeechAct::Declines {
                    // "رفض X التعليق": stop before the object
                    (ss..se)
                        .find(|&j| toks[j].is_any(AR_REFUSE_OBJ))
                        .unwrap_or(se)
                } else {
                    se
                };
                // "نفت وزارة الخارجية الصينية علمها ...": a known name ends the subject.
                let se = match self.index.find(&toks[ss..se]) {
                    Some(h)
                        if ss + h.at + h.len + 1 < se
                            && !toks[ss + h.at + h.len].is_verb(&["في", "من", "باسم", "عن"])
                            && !toks.get(se).is_some_and(|x| is_punct(x, "،,")) =>
                    {
                        ss + h.at + h.len
                    }
                    _ => se,
                };
                // "أعلنت السلطات الصحية وفاة ...": after a definite noun phrase, a bare noun
                // starts the object; titles are exempt, since a name follows them
                // ("وزير الدفاع الروسي سيرغي شويغو").
                let definite = |t: &Tok| {
                    t.f.starts_with("ال") || t.f.starts_with("لل") || t.f.starts_with("وال")
                };
                let titled = toks.get(ss).is_some_and(|t| t.is_any(PERSON_NOUNS));
                let se = if !titled && self.index.find(&toks[ss..se]).is_none() {
                    (ss + 1..se)
                        .find(|&k| {
                            toks[k].word
                                && !definite(&toks[k])
                                && toks[ss..k].iter().any(definite)
                                && !toks[k].is_verb(&["في", "من", "عن", "باسم"])
                                && !toks[k - 1].is_verb(&["في", "من", "عن", "باسم"])
                        })
                        .unwrap_or(se)
                } else {
                    se
                };
                if se > ss {
                    v.subj = Some((ss, se));
                    v.subj_after = true;
                    v.attr_end = se;
                    // "مستشار الأمن القومي، جيك سوليفان،": a short apposition joins the subject.
                    if toks.get(se).is_some_and(|x| is_punct(x, "،,")) {
                        let ae = self.phrase_after(toks, se + 1, 4, true);
                        if ae > se + 1 && toks.get(ae).is_some_and(|x| is_punct(x, "،,")) {
                            let named = self.index.find(&toks[se + 1..ae]).is_some()
                                || self.index.find(&toks[ss..se]).is_none();
                            if named {
                                v.subj = Some((ss, ae));
                                v.attr_end = ae;
                            }
                        }
                    }
                }
            }
            // "مصدر أمني تحدث لوكالة الأناضول": the outlet relays the source.
            if let Some((sa, sb)) = v.subj
                && let Some(k) = (sa + 1..sb.saturating_sub(1)).find(|&k| {
                    (toks[k].is_verb(&["تحدث", "تحدثت", "تحدثوا", "صرح", "صرحت"])
                        || toks[k].is_any(&["متحدثا", "متحدثه"]))
                        && (AR_AUDIENCE.contains(&toks[k + 1].f.as_str()) || toks[k + 1].f == "ل")
                })
            {
                v.subj = Some((sa, k));
                v.outer_by = Some((k + 1, sb));
            }
            // "وثائق حصلت عليها صحيفة X": documents the outlet obtained
            if let Some((sa, sb)) = v.subj
                && let Some(k) = (sa + 1..sb.saturating_sub(2)).find(|&k| {
                    toks[k].is_verb(&["حصلت", "حصل", "اطلعت", "اطلع", "نشرتها", "نشرها"])
                        && toks[k + 1].is_any(&["عليها", "عليه", "عليهم"])
                })
            {
                v.subj = Some((sa, k));
                v.outer_by = Some((k + 2, sb));
            }
            // "62 في المئة من المعلمين يرون": a share of respondents is content, not a speaker
            if let Some((sa, _)) = v.subj
                && (toks[sa].f.chars().all(|c| c.is_ascii_digit())
                    || toks[sa].is_any(&["معظم", "اغلب", "اغلبيه", "نصف", "ثلث", "ربع"]))
            {
                return None;
            }
            if v.subj.is_none() {
                v.anaphora = true;
            }
            // audience and relay target: "للصحفيين", "لوكالة الأناضول", لـ"الجزيرة نت"
            let opens_audience = |x: &Tok| {
                AR_AUDIENCE.contains(&x.f.as_str())
                    || x.f == "ل"
                    || x.f == "لـ"
                    || self.outlet_after_lam(toks, x)
            };
            let mut j = v.attr_end;
            if toks.get(j).is_some_and(|x| is_punct(x, "،,"))
                && toks.get(j + 1).is_some_and(opens_audience)
            {
                j += 1;
            }
            if toks.get(j).is_some_and(|x| is_punct(x, "،,"))
                && toks.get(j + 1).is_some_and(|x| x.f == "في")
            {
                j += 1;
            }
            // "في تصريحات نقلتها وكالة الصحافة الفرنسية": the agency relays
            if toks.get(j).is_some_and(|x| x.f == "في")
                && toks.get(j + 1).is_some_and(|x| {
                    x.is_any(&[
                        "مقابله",
                        "حديث",
                        "تصريحات",
                        "تصريح",
                        "بيان",
                        "كلمه",
                        "مقابلات",
                    ])
                })
                && toks.get(j + 2).is_some_and(|x| {
                    x.is_verb(&[
                        "نقلتها",
                        "نقلها",
                        "اوردتها",
                        "اورده",
                        "بثتها",
                        "بثها",
                        "نشرتها",
                        "نشرها",
                        "اوردها",
                    ])
                })
            {
                let ae = self.phrase_after(toks, j + 3, 6, true);
                if ae > j + 3 && self.outletish(toks, (j + 3, ae)) {
                    v.audience = Some((j + 3, ae));
                    j = ae;
                    v.attr_end = j;
                }
            }
            // "في مقابلة مع X", "في حديث لـ X", "في تصريحات لـ X"
            if toks.get(j).is_some_and(|x| x.f == "في")
                && toks.get(j + 1).is_some_and(|x| {
                    x.is_any(&["مقابله", "حديث", "تصريحات", "تصريح", "لقاء", "اتصال"])
                })
                && (toks
                    .get(j + 2)
                    .is_some_and(|x| x.f == "مع" || opens_audience(x))
                    || toks.get(j + 2).is_some_and(|x| {
                        x.is_any(&["هاتفي", "خاص", "صحفي", "متلفز", "تلفزيوني", "اذاعي"])
                    }) && toks
                        .get(j + 3)
                        .is_some_and(|x| x.f == "مع" || opens_audience(x)))
            {
                // "في اتصال هاتفي مع X": skip the adjective
                if toks[j + 2].is_any(&["هاتفي", "خاص", "صحفي", "متلفز", "تلفزيوني", "اذاعي"])
                {
                    j += 1;
                }
                let a0 = if matches!(toks[j + 2].f.as_str(), "مع" | "ل" | "لـ") {
                    j + 3
                } else {
                    j + 2
                };
                let ae = self.phrase_after(toks, a0, 6, true);
                if ae > a0 && self.outletish(toks, (a0, ae)) {
                    v.audience = Some((a0, ae));
                    j = ae;
                    v.attr_end = j;
                }
            }
            if toks.get(j).is_some_and(opens_audience) {
                let quoted = self
                    .quotes
                    .iter()
                    .find(|q| toks.get(j + 1).is_some_and(|x| x.s == q.open));
                let (a0, ae) = if let (true, Some(q)) = (toks[j].f.chars().count() == 1, quoted) {
                    let close = (j + 1..n).find(|&k| toks[k].s >= q.inner_end).unwrap_or(n);
                    ((j + 2).min(close), close)
                } else if toks[j].f.chars().count() == 1 {
                    (j + 1, self.phrase_after(toks, j + 1, 6, true))
                } else {
                    // `لموقع "الريف اليوم"`: the quoted name belongs to the audience
                    (j, self.phrase_after(toks, j, 6, true))
                };
                v.audience = Some((a0, ae));
                j = if ae < n && is_quote_tok(&toks[ae]) {
                    ae + 1
                } else {
                    ae
                };
                v.attr_end = j;
            }
            // "وفي تصريح خاص لـ"عربي بوست"، قال X": the outlet named before the verb
            if v.audience.is_none()
                && let Some(k) = (0..i).find(|&k| {
                    toks[k].is_verb(&["في"])
                        && toks.get(k + 1).is_some_and(|x| {
                            x.is_any(&["مقابله", "حديث", "تصريحات", "تصريح", "لقاء", "اتصال"])
                        })
                })
            {
                let mut p = k + 2;
                if toks.get(p).is_some_and(|x| {
                    x.is_any(&["هاتفي", "خاص", "صحفي", "متلفز", "تلفزيوني", "اذاعي", "خاصه"])
                }) {
                    p += 1;
                }
                let start = match toks.get(p) {
                    Some(x) if matches!(x.f.as_str(), "مع" | "ل" | "لـ") => p + 1,
                    Some(x) if opens_audience(x) => p,
                    _ => usize::MAX,
                };
                if start < i {
                    let ae = self.phrase_after(toks, start, 6, true).min(i);
                    if ae > start && self.outletish(toks, (start, ae)) {
                        v.audience = Some((start, ae));
                    }
                }
            }
            if relay && let Some(k) = (j..n.min(j + 3)).find(|&k| toks[k].is_any(&["عن"])) {
                let ce = self.phrase_after(toks, k + 1, 8, true);
                if ce > k + 1 {
                    v.cited.push((k + 1, ce));
                    v.attr_end = ce;
                }
            }
        } else {
            // English: subject before the verb, skipping auxiliaries and adverbs.
            let mut j = i;
            while j > 0
                && EN_SKIP_BEFORE.contains(&toks[j - 1].f.as_str())
                && toks[j - 1].q.is_none()
            {
                j -= 1;
            }
            let end = j;
            // "The Wall Street Journal, which first reported the agreement, said": an aside
            if end > 0 && matches!(toks[end - 1].f.as_str(), "which" | "who") {
                return None;
            }
            let mut b = j;
            let mut se = end;
            let mut collected = false;
            while b > 0 {
                let x = &toks[b - 1];
                if is_punct(x, ",") || used[b - 1] {
                    // skip ", citing X," parentheticals, one after another
                    let last = if used[b - 1] {
                        Some(b - 1)
                    } else {
                        b.checked_sub(2)
                    };
                    if let Some(mut m) = last.filter(|&l| used[l]) {
                        while m > 0 && used[m - 1] {
                            m -= 1;
                        }
                        if m > 0 && is_punct(&toks[m - 1], ",") {
                            if !collected {
                                se = m - 1;
                            }
                            b = m - 1;
                            continue;
                        }
                    }
                    break;
                }
                if x.q.is_some() || !x.word && x.f != "'" && x.f != "’" {
                    break;
                }
                if matches!(x.f.as_str(), "that" | "who" | "which") && collected {
                    // "The construction firm that carried out the repairs did not ..."
                    let head = &toks[..b - 1];
                    let short = head.len() <= 4
                        && head.iter().all(|t| t.word && t.q.is_none())
                        && head
                            .first()
                            .is_some_and(|t| matches!(t.f.as_str(), "the" | "a" | "an"));
                    if short {
                        b = 0;
                    }
                    break;
                }
                if EN_BOUND.contains(&x.f.as_str()) || is_en_cue(x) || used[b - 1] {
                    break;
                }
                let joins_names = b >= 2 && toks[b - 2].cap && toks.get(b).is_some_and(|y| y.cap);
                if (x.f == "and" || x.f == "but") && !joins_names {
                    break;
                }
                if se - b >= 12 {
                    break;
                }
                b -= 1;
                collected = true;
            }
            if se > b {
                v.subj = Some((b, se));
                v.attr_start = b;
            } else if b > 0 && b == end && is_punct(&toks[b - 1], ",") {
                // "Grainco, the region's largest exporter, declined", "X, speaking on condition
                // of anonymity, said", "The report, which was reviewed by Y, found"
                let c2 = b - 1;
                if let Some(c1) = (0..c2).rev().take(25).find(|&k| is_punct(&toks[k], ",")) {
                    let mut s1 = c1;
                    while s1 > 0 && toks[s1 - 1].word && toks[s1 - 1].q.is_none() && c1 - s1 < 10 {
                        if EN_BOUND.contains(&toks[s1 - 1].f.as_str()) || is_en_cue(&toks[s1 - 1]) {
                            break;
                        }
                        s1 -= 1;
                    }
                    let clean =
                        s1 == 0 || is_punct(&toks[s1 - 1], ",;:") || is_quote_tok(&toks[s1 - 1]);
                    let s2 = (c1 + 1, c2);
                    let seg = &toks[s2.0..s2.1];
                    let paren = seg.first().is_some_and(|t| {
                        matches!(
                            t.f.as_str(),
                            "speaking"
                                | "who"
                                | "which"
                                | "asking"
                                | "requesting"
                                | "talking"
                                | "writing"
                                | "quoted"
                                | "cited"
                                | "interviewed"
                                | "not"
                                | "conducted"
                                | "commissioned"
                                | "carried"
                                | "published"
                                | "released"
                        )
                    });
                    let appos = seg.len() <= 8 && seg.iter().all(|t| t.word && t.q.is_none());
                    if s1 < c1 && clean && (paren || appos) {
                        let p1 = self.index.find(&toks[s1..c1]);
                        let p2 = self.index.find(seg);
                        let person = |h: Option<crate::sources::Hit>| {
                            h.is_some_and(|h| self.index.is_person(h.source))
                        };
                        // "Its spokeswoman, Ilse Maren,": the name, when the apposition is one.
                        // A name is written in capitals; a description is not ("Orbitra's main
                        // investor, Atlantic Ventures,").
                        let caps = |r: &[Tok]| r.iter().filter(|t| t.word).all(|t| t.cap);
                        let pick2 = !paren
                            && !caps(&toks[s1..c1])
                            && (caps(seg)
                                || p2.is_some() && (p1.is_none() || person(p2) && !person(p1)));
                        v.subj = Some(if pick2 { s2 } else { (s1, c1) });
                        v.attr_start = s1;
                        if let Some(k) = (s2.0..s2.1.saturating_sub(1)).find(|&k| {
                            matches!(
                                toks[k].f.as_str(),
                                "quoted"
                                    | "cited"
                                    | "interviewed"
                                    | "reviewed"
                                    | "seen"
                                    | "obtained"
                            ) && toks[k + 1].f == "by"
                        }) {
                            v.outer_by = Some((k + 2, s2.1));
                        }
                        // "The poll, conducted by the Halden Institute for the Daily Courier,
                        // found": the pollster speaks, the outlet that commissioned it relays.
                        let doc_subject = toks[s1..c1].iter().any(|t| t.is_any(DOC_NOUNS));
                        if doc_subject
                            && let Some(k) = (s2.0..s2.1.saturating_sub(1)).find(|&k| {
                                matches!(
                                    toks[k].f.as_str(),
                                    "conducted"
                                        | "commissioned"
                                        | "carried"
                                        | "published"
                                        | "released"
                                        | "compiled"
                                ) && toks[k + 1].f == "by"
                            })
                        {
                            let fr = (k + 2..s2.1).find(|&j| toks[j].f == "for").unwrap_or(s2.1);
                            if fr > k + 2 {
                                v.subj = Some((k + 2, fr));
                                if fr + 1 < s2.1 && self.outletish(toks, (fr + 1, s2.1)) {
                                    v.outer_by = Some((fr + 1, s2.1));
                                }
                            }
                        }
                    }
                }
            }
            // "Two drivers interviewed by The Metro Ledger said": the outlet relays them.
            if let Some((sa, sb)) = v.subj
                && let Some(k) = (sa + 1..sb.saturating_sub(2)).find(|&k| {
                    matches!(
                        toks[k].f.as_str(),
                        "interviewed"
                            | "quoted"
                            | "cited"
                            | "contacted"
                            | "obtained"
                            | "seen"
                            | "reviewed"
                    ) && toks[k + 1].f == "by"
                })
            {
                v.subj = Some((sa, k));
                v.outer_by = Some((k + 2, sb));
            }
            // after the verb: object of told/quoted, inversion subject
            let mut k = cue_end;
            if t.f == "told" || t.f == "tells" || t.f == "informed" {
                let ae = self.phrase_after(toks, k, 6, false);
                if ae > k {
                    v.audience = Some((k, ae));
                    k = ae;
                }
            }
            if relay && v.subj.is_some() {
                let ce = self.phrase_after(toks, k, 8, false);
                if ce > k {
                    v.cited.push((k, ce));
                    k = ce;
                    if toks.get(k).is_some_and(|x| x.f == "as")
                        && toks.get(k + 1).is_some_and(|x| x.f == "saying")
                    {
                        k += 2;
                    }
                }
            }
            let coordinated = end > 0 && matches!(toks[end - 1].f.as_str(), "and" | "but");
            if v.subj.is_none() && coordinated {
                // "confirmed it had been informed, but declined to comment": same speaker
                v.anaphora = true;
            } else if v.subj.is_none() {
                // inversion: `"...," said Peskov.` / `..., said the ministry`
                let mut k2 = k;
                while toks
                    .get(k2)
                    .is_some_and(|x| EN_SKIP_BEFORE.contains(&x.f.as_str()))
                {
                    k2 += 1;
                }
                let se = self.phrase_after(toks, k2, 8, false);
                if se > k2 {
                    v.subj = Some((k2, se));
                    v.subj_after = true;
                    k = se;
                    // `said the institute's director, Ruth Engel.`: the name in apposition
                    if toks.get(se).is_some_and(|x| is_punct(x, ",")) {
                        let ae = self.phrase_after(toks, se + 1, 4, false);
                        let caps = toks[se + 1..ae].iter().all(|t| t.word && t.cap);
                        let desc = toks[k2..se].iter().filter(|t| t.word).any(|t| !t.cap);
                        let ends = toks.get(ae).is_none_or(|x| is_punct(x, ",.;"));
                        if ae > se + 1 && caps && desc && ends {
                            v.subj = Some((se + 1, ae));
                            k = ae;
                        }
                    }
                }
            }
            if v.subj.is_none() && !v.anaphora {
                return None;
            }
            // "pens that it said had been sold": an aside inside someone else's claim
            if let Some((sa, sb)) = v.subj
                && sb == sa + 1
                && sa > 0
                && matches!(toks[sa].f.as_str(), "it" | "he" | "she" | "they")
                && matches!(toks[sa - 1].f.as_str(), "that" | "which" | "who" | "what")
            {
                return None;
            }
            // "Two officials who spoke on condition of anonymity said": the head before "who"
            if let Some((sa, _)) = v.subj
                && sa > 1
                && matches!(toks[sa - 1].f.as_str(), "who" | "which")
                && toks[sa - 2].word
            {
                let mut b = sa - 1;
                while b > 0
                    && sa - 1 - b < 6
                    && toks[b - 1].word
                    && toks[b - 1].q.is_none()
                    && !used[b - 1]
                    && !EN_BOUND.contains(&toks[b - 1].f.as_str())
                {
                    b -= 1;
                }
                if b < sa - 1 {
                    v.subj = Some((b, sa - 1));
                    v.attr_start = b;
                }
            }
            if passive_relay.is_some() {
                v.outer_by = passive_relay;
            }
            // "It was reported by The Information that ...": the agent is the speaker
            let aux =
                |k: usize| matches!(toks[k].f.as_str(), "was" | "were" | "been" | "is" | "are");
            let passive = i > 0
                && (aux(i - 1)
                    || i > 1
                        && aux(i - 2)
                        && matches!(
                            toks[i - 1].f.as_str(),
                            "first" | "initially" | "previously" | "also"
                        ));
            if passive_relay.is_none() && passive && toks.get(i + 1).is_some_and(|x| x.f == "by") {
                let be = self.phrase_after(toks, i + 2, 6, false);
                if be > i + 2 {
                    v.subj = Some((i + 2, be));
                    v.subj_after = true;
                    v.attr_start = v.attr_start.min(i);
                    if toks.get(be).is_some_and(|x| x.f == "that") {
                        v.attr_end = be + 1;
                    } else {
                        // "The plan was first reported by Bloomberg": the subject is the content
                        v.attr_end = be;
                        v.content_before = true;
                        v.attr_start = (0..i).rev().find(|&k| aux(k)).unwrap_or(i);
                    }
                    v.cue_end = v.attr_end;
                }
            }
            // "No group has claimed responsibility": nobody spoke
            if v.subj.is_some_and(|(sa, _)| {
                matches!(toks[sa].f.as_str(), "no" | "nobody" | "none" | "neither")
            }) {
                return None;
            }
            // "In an interview with Channel 4 News, X said": the outlet relays X
            if v.outer_by.is_none()
                && let Some(k) = (0..toks.len()).find(|&k| {
                    toks[k].q.is_none()
                        && toks[k].f == "interview"
                        && toks
                            .get(k + 1)
                            .is_some_and(|x| matches!(x.f.as_str(), "with" | "on" | "to"))
                })
            {
                let stop = if k < v.attr_start {
                    v.attr_start
                } else {
                    toks.len()
                };
                let e2 = (k + 2..stop)
                    .find(|&j| is_punct(&toks[j], ",.;") || toks[j].q.is_some())
                    .unwrap_or(stop);
                if e2 > k + 2 && self.outletish(toks, (k + 2, e2)) {
                    v.outer_by = Some((k + 2, e2));
                }
            }
            // "In a letter to staff seen by the Valley Chronicle, X said"
            if v.outer_by.is_none()
                && !v.subj_after
                && let Some(k) = (0..v.attr_start).find(|&k| {
                    matches!(toks[k].f.as_str(), "seen" | "obtained" | "reviewed")
                        && toks.get(k + 1).is_some_and(|x| x.f == "by")
                })
            {
                let e2 = (k + 2..v.attr_start)
                    .find(|&j| is_punct(&toks[j], ","))
                    .unwrap_or(v.attr_start);
                if e2 > k + 2 && self.outletish(toks, (k + 2, e2)) {
                    v.outer_by = Some((k + 2, e2));
                }
            }
            v.attr_end = v.attr_end.max(k);
            // ", X said." / ", X said on Tuesday, warning ...": the content precedes.
            let mut r = k;
            while r < toks.len()
                && (used[r]
                    || toks[r].word
                        && (EN_SKIP_BEFORE.contains(&toks[r].f.as_str())
                            || matches!(
                                toks[r].f.as_str(),
                                "in" | "a"
                                    | "an"
                                    | "statement"
                                    | "interview"
                                    | "briefing"
                                    | "the"
                                    | "at"
                                    | "late"
                                    | "this"
                                    | "morning"
                                    | "evening"
                                    | "night"
                                    | "news"
                                    | "conference"
                            )))
            {
                r += 1;
            }
            let after_empty = r >= toks.len()
                || is_punct(&toks[r], ",")
                || toks[r..]
                    .iter()
                    .enumerate()
                    .all(|(o, y)| !y.word || used[r + o]);
            let lead_words = toks[..v.attr_start].iter().filter(|x| x.word).count();
            let lead_ok = v.attr_start > 0
                && (is_punct(&toks[v.attr_start - 1], ",")
                    || is_quote_tok(&toks[v.attr_start - 1]));
            // `"We will stay," X said at a rally`: a sentence opening with the quote.
            let quote_first = self.quotes.iter().any(|q| {
                q.open == toks[0].s && v.attr_start > 0 && toks[v.attr_start - 1].e == q.close_end
            });
            if lead_words > 0 && lead_ok && (after_empty || v.subj_after || quote_first) {
                v.content_before = true;
            }
        }
        // skip to the complementizer or colon that opens the content
        if !v.content_before {
            let mut k = v.attr_end;
            let lim = (k + 25).min(n);
            let mut found = None;
            while k < lim {
                let x = &toks[k];
                if x.q.is_some() || is_quote_tok(x) && k > v.attr_end {
                    break;
                }
                // "disputed that account": a determiner, not a clause
                let clause_words = toks[k + 1..]
                    .iter()
                    .take_while(|y| !is_punct(y, HARD_PUNCT))
                    .filter(|y| y.word)
                    .count();
                let near = k == v.attr_end
                    || toks[v.attr_end]
                        .f
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_alphanumeric())
                    || matches!(
                        toks[v.attr_end].f.as_str(),
                        "on" | "in"
                            | "at"
                            | "during"
                            | "last"
                            | "earlier"
                            | "late"
                            | "this"
                            | "yesterday"
                            | "today"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    );
                let that = !arabic && x.f == "that" && clause_words > 2 && near;
                if arabic && x.is_verb(AR_COMP) || that || is_punct(x, ":") {
                    found = Some(k + 1);
                    break;
                }
                if x.word && !used[k] && (is_en_cue(x) || x.is_verb(AR_SAY) || x.is_verb(AR_DENY)) {
                    break;
                }
                k += 1;
            }
            if let Some(f) = found {
                v.attr_end = f;
            }
        }
        Some(v)
    }

    /// The speakers of one attribution, outermost first.
    fn verb_chain(&mut self, toks: &[Tok], v: &Verb, markers: &[Marker]) -> Vec<Option<Speaker>> {
        // The speaker first, so "He told a news conference" looks back past nothing new.
        self.anaphoric = false;
        self.noun_anaphor = false;
        let primary = match v.subj {
            Some(r) => self.resolve(toks, r, false),
            None => match v.lead_subj {
                Some(r) if self.sent_speaker.is_none() => self.resolve(toks, r, false),
                _ => {
                    self.anaphoric = true;
                    self.antecedent(toks, v.cue, v.arabic)
                }
            },
        };
        // "وأضاف المصدر", "the source added": a continuation keeps the earlier relay
        let anaphoric = self.anaphoric
            || self.noun_anaphor
                && (toks[v.cue].is_verb(&[
                    "اضاف", "اضافت", "اضافوا", "تابع", "تابعت", "اردف", "اردفت", "added", "adds",
                    "continued",
                ])
                    // "the memo said", after "a memo seen by Reuters": the same relay
                    || v.subj.is_some_and(|(a, b)| toks[a..b].iter().any(|t| t.is_any(DOC_NOUNS))));
        let mut chain = Vec::new();
        for &m in &v.markers {
            if markers[m].kind == MarkKind::According {
                if let Some(r) = markers[m].by {
                    chain.push(self.resolve(toks, r, true));
                }
                chain.push(self.resolve_wide(toks, markers[m].target, markers[m].wide, true));
            }
        }
        if let Some(r) = v.outer_by {
            chain.push(self.resolve(toks, r, true));
        }
        // "told Reuters", "told Sea Rescue International": an outlet or a known body relays;
        // "told reporters", "told lawmakers" do not
        if let Some(a) = v.audience
            && !self.event_like(toks, a)
            && let Some(sp) = self.resolve(toks, a, true)
            && (sp.kind == Kind::Outlet || !sp.skind.is_empty() && sp.kind != Kind::Person)
        {
            chain.push(Some(sp));
        }
        if let Some(p) = &primary {
            self.sent_speaker = Some(p.clone());
            self.history.push(p.clone());
        }
        chain.push(primary);
        for &c in &v.cited {
            chain.push(self.resolve(toks, c, false));
        }
        for &m in &v.markers {
            if markers[m].kind == MarkKind::Citing {
                chain.push(self.resolve_wide(toks, markers[m].target, markers[m].wide, false));
            }
        }
        self.anaphoric = anaphoric;
        chain
    }

    /// Whether an audience is an occasion ("a news conference"), not an outlet.
    fn event_like(&self, toks: &[Tok], r: (usize, usize)) -> bool {
        toks[r.0..r.1].iter().any(|t| {
            t.is_any(AR_NOT_SPEAKER)
                || t.is_any(&[
                    "conference",
                    "briefing",
                    "meeting",
                    "rally",
                    "summit",
                    "session",
                    "parliament",
                    "lawmakers",
                    "reporters",
                    "journalists",
                    "investors",
                    "مؤتمر",
                    "اجتماع",
                    "برلمان",
                ])
        })
    }

    /// The speaker a subject-less verb refers to.
    fn antecedent(&mut self, toks: &[Tok], cue: usize, arabic: bool) -> Option<Speaker> {
        let feminine = toks[cue].f.ends_with('ت');
        if let Some(s) = &self.sent_speaker {
            return Some(s.clone());
        }
        // "من جانبها، عبرت الولايات المتحدة ...، وقالت": the sentence's own named subject.
        let before: Vec<Tok> = toks[..cue]
            .iter()
            .filter(|t| t.q.is_none())
            .cloned()
            .collect();
        if let Some(h) = self.index.find_first(&before) {
            let hit = (0..cue).filter(|&k| toks[k].q.is_none()).nth(h.at);
            if let Some(k) = hit {
                return self.resolve(toks, (k, k + h.len), false);
            }
        }
        // A masculine verb ("وأضاف") cannot refer back to a newspaper or agency, which Arabic
        // treats as feminine; otherwise the last speaker.
        if arabic
            && !feminine
            && let Some(p) = self.history.iter().rev().find(|s| s.kind != Kind::Outlet)
        {
            return Some(p.clone());
        }
        self.history.last().cloned()
    }

    /// Turns a speaker phrase into a source key, an antecedent, or the name as written.
    fn resolve(&mut self, toks: &[Tok], r: (usize, usize), quiet: bool) -> Option<Speaker> {
        self.resolve_wide(toks, r, r.1, quiet)
    }

    /// Like `resolve`, but looks for a known source up to `wide` ("citing data from X").
    fn resolve_wide(
        &mut self,
        toks: &[Tok],
        r: (usize, usize),
        wide: usize,
        quiet: bool,
    ) -> Option<Speaker> {
        let (mut a, b) = r;
        if a >= b {
            return None;
        }
        let words: Vec<String> = toks[a..b]
            .iter()
            .filter(|t| t.word)
            .map(|t| t.v.last().cloned().unwrap_or_default())
            .collect();
        // "بحسب تصريحات للصحفيين": statements to reporters name no speaker.
        if toks[a].is_any(DOC_NOUNS)
            && toks.get(a + 1).is_some_and(|x| {
                AR_AUDIENCE.contains(&x.f.as_str()) || x.is_any(AR_NOT_SPEAKER) || x.f == "to"
            })
        {
            return None;
        }
        let hit = self
            .index
            .find(&toks[a..b])
            .or_else(|| self.index.find(&toks[a..wide.max(b)]));
        if let Some(h) = hit {
            let src = self.index.get(h.source);
            let kind = if self.index.is_person(h.source) {
                Kind::Person
            } else if self.index.is_outlet(h.source) {
                Kind::Outlet
            } else {
                kind_of(&words)
            };
            let sp = Speaker {
                name: src.key.clone(),
                kind,
                words,
                skind: src.kind.clone(),
            };
            self.history.push(sp.clone());
            return Some(sp);
        }
        // "Its general secretary said": the officer of the body just named
        if matches!(toks[a].f.as_str(), "its" | "their")
            && toks[a + 1..b].iter().any(|t| t.is_any(PERSON_NOUNS))
            && let Some(sp) = self.body_just_named()
        {
            return Some(sp);
        }
        // "وقال رئيسها": the head of the body just named
        if b == a + 1
            && ["ها", "هم", "ه"].iter().any(|suf| {
                toks[a].f.strip_suffix(suf).is_some_and(|stem| {
                    let stem = stem.strip_prefix('و').unwrap_or(stem);
                    PERSON_NOUNS.contains(&stem)
                        || PERSON_NOUNS.contains(&stem.replace('ت', "ه").as_str())
                })
            })
            && let Some(sp) = self.body_just_named()
        {
            return Some(sp);
        }
        // "وقال أحدهم": one of the people just named
        if b == a + 1 && toks[a].is_verb(&["احدهم", "احدهما", "احداهن"]) {
            return self
                .sent_speaker
                .clone()
                .or_else(|| self.history.last().cloned());
        }
        // "متحدث باسمه": a spokesman for whoever the sentence is about.
        if toks[a..b]
            .iter()
            .any(|t| t.is_verb(&["باسمه", "باسمها", "باسمهم"]))
        {
            return self.sent_speaker.clone().or_else(|| {
                self.history
                    .iter()
                    .rev()
                    .find(|s| s.kind != Kind::Person)
                    .cloned()
            });
        }
        // Pronouns and "the newspaper", "الوزير": look back.
        let content: Vec<&Tok> = toks[a..b]
            .iter()
            .filter(|t| t.word && !matches!(t.f.as_str(), "the" | "a" | "an"))
            .collect();
        if content.len() == 1 {
            let w = content[0];
            if EN_PRON_PERSON.contains(&w.f.as_str()) || w.is_any(&["هو", "هي"]) {
                self.anaphoric = true;
                return self
                    .history
                    .iter()
                    .rev()
                    .find(|s| s.kind == Kind::Person)
                    .or(self.history.last())
                    .cloned();
            }
            if EN_PRON_OTHER.contains(&w.f.as_str()) || w.is_any(&["هم"]) {
                self.anaphoric = true;
                return self.history.last().cloned();
            }
            let definite = toks[a].f == "the" || w.f.starts_with("ال");
            if definite {
                let key = w.v.last().cloned().unwrap_or_default();
                let key = key
                    .strip_suffix('s')
                    .filter(|_| key.is_ascii() && key.len() > 4)
                    .unwrap_or(&key)
                    .to_string();
                // the head noun of an earlier speaker: last word in English, first in Arabic
                let arabic_key = key.starts_with(is_arabic);
                if let Some(sp) = self.history.iter().rev().find(|s| {
                    // "a spokesperson for the regional government": the noun before the preposition
                    let first = s
                        .words
                        .iter()
                        .position(|w| matches!(w.as_str(), "for" | "of" | "at" | "with" | "to"))
                        .and_then(|p| p.checked_sub(1))
                        .map(|p| &s.words[p]);
                    let is_key =
                        |x: &String| *x == key || x.strip_prefix("ل") == Some(key.as_str());
                    if arabic_key {
                        s.words.first().is_some_and(is_key)
                    } else {
                        s.words.last().is_some_and(is_key) || first.is_some_and(is_key)
                    }
                }) {
                    // "وأضاف المصدر": the same speaker, maybe through the same relay
                    self.noun_anaphor = true;
                    return Some(sp.clone());
                }
                // "the bank" after "Norland Bank" was named, even without a claim
                if let Some(&src) = self
                    .mentioned
                    .iter()
                    .rev()
                    .find(|&&src| self.index.has_word(src, &key))
                {
                    let source = self.index.get(src);
                    let sp = Speaker {
                        name: source.key.clone(),
                        kind: if self.index.is_person(src) {
                            Kind::Person
                        } else if self.index.is_outlet(src) {
                            Kind::Outlet
                        } else {
                            Kind::Other
                        },
                        words: vec![key.clone()],
                        skind: source.kind.clone(),
                    };
                    self.history.push(sp.clone());
                    return Some(sp);
                }
                // "the airport" after "the airport operator" (a known source)
                if let Some(sp) = self
                    .history
                    .iter()
                    .rev()
                    .find(|s| !s.skind.is_empty() && s.words.contains(&key))
                {
                    return Some(sp.clone());
                }
                if OUTLET_NOUNS.iter().any(|n| w.v.iter().any(|v| v == n))
                    && let Some(sp) = self.history.iter().rev().find(|s| s.kind == Kind::Outlet)
                {
                    return Some(sp.clone());
                }
                // "the company", "الوزارة": the last source of that kind, else one named
                // earlier in this very sentence.
                if let Some(kinds) = anaphor_kinds(w) {
                    if let Some(sp) = self
                        .history
                        .iter()
                        .rev()
                        .find(|s| kinds.contains(&s.skind.as_str()))
                    {
                        return Some(sp.clone());
                    }
                    let before: Vec<Tok> = toks[..a]
                        .iter()
                        .filter(|t| t.q.is_none())
                        .cloned()
                        .collect();
                    if let Some(h) = self.index.find_first(&before)
                        && kinds.contains(&self.index.get(h.source).kind.as_str())
                    {
                        let k = (0..a)
                            .filter(|&k| toks[k].q.is_none())
                            .nth(h.at)
                            .unwrap_or(0);
                        return self.resolve(toks, (k, k + h.len), false);
                    }
                }
            }
        }
        let content_words: Vec<&Tok> = toks[a..b]
            .iter()
            .filter(|t| t.word && !matches!(t.f.as_str(), "the" | "a" | "an"))
            .collect();
        // "a company statement said": the company's
        if (2..=3).contains(&content_words.len())
            && matches!(toks[a].f.as_str(), "a" | "an" | "the")
            && content_words.last().is_some_and(|w| w.is_any(DOC_NOUNS))
            && let Some(kinds) = content_words.iter().find_map(|w| anaphor_kinds(w))
            && let Some(sp) = self
                .history
                .iter()
                .rev()
                .find(|s| kinds.contains(&s.skind.as_str()))
        {
            return Some(sp.clone());
        }
        // "a union spokesman", "a company spokesman": the spokesman of the last such body
        if let [m, w] = content_words.as_slice()
            && w.is_any(&["spokesperson", "spokesman", "spokeswoman"])
            && let Some(kinds) = anaphor_kinds(m)
            && let Some(sp) = self
                .history
                .iter()
                .rev()
                .find(|s| kinds.contains(&s.skind.as_str()) && s.kind != Kind::Person)
        {
            return Some(sp.clone());
        }
        if let [w] = content_words.as_slice() {
            // "The club denied that. A spokesperson said": the body's spokesperson
            let spokes = [
                "spokesperson",
                "spokesman",
                "spokeswoman",
                "متحدث",
                "ناطق",
                "متحدثه",
            ];
            if w.is_any(&spokes)
                && let Some(sp) = self.history.iter().rev().find(|s| s.kind != Kind::Person)
            {
                return Some(sp.clone());
            }
            // "وأوضح البيان", "the statement said", "a statement said": whoever issued it last
            let definite = toks[a].f == "the" || toks[a].f == "a" || w.f.starts_with("ال");
            if definite
                && w.is_any(DOC_NOUNS)
                && let Some(sp) = self.history.iter().rev().find(|s| s.kind != Kind::Person)
            {
                return Some(sp.clone());
            }
        }
        // "تقرير لوكالة X", "a report by X": the provenance is the speaker.
        let first = &toks[a];
        // "according to figures from the airport": the provenance past the short phrase
        if first.is_any(DOC_NOUNS)
            && b == a + 1
            && wide > b + 1
            && matches!(toks[b].f.as_str(), "from" | "by" | "of")
        {
            return self.resolve_wide(toks, (b + 1, wide), wide, quiet);
        }
        let lone_doc = content_words.len() == 1 && first.is_any(DOC_NOUNS) && b == a + 1;
        if !lone_doc && first.is_any(DOC_NOUNS)
            || matches!(first.f.as_str(), "a" | "an" | "the")
                && toks
                    .get(a + 1)
                    .is_some_and(|t| a + 1 < b && t.is_any(DOC_NOUNS))
        {
            let d = if first.is_any(DOC_NOUNS) { a } else { a + 1 };
            // "وثائق": documents with no provenance speak for themselves
            let next = toks.get(d + 1).filter(|_| d + 1 < b)?;
            if AR_AUDIENCE.contains(&next.f.as_str()) || next.is_any(AR_NOT_SPEAKER) {
                return None;
            }
            let issued = matches!(
                next.f.as_str(),
                "published"
                    | "released"
                    | "issued"
                    | "compiled"
                    | "provided"
                    | "gathered"
                    | "collected"
            );
            let far = wide.max(b);
            if issued && toks.get(d + 2).is_some_and(|t| t.f == "by") && d + 3 < far {
                // "figures published by the commission"
                return self.resolve_wide(toks, (d + 3, far), far, quiet);
            }
            // "استطلاع أجراه مركز الدراسات": the body that carried it out
            if next.is_verb(&[
                "اجراه",
                "اجرته",
                "اعده",
                "اعدته",
                "نشره",
                "نشرته",
                "اصدره",
                "اصدرته",
                "نشرها",
                "اعدها",
                "اصدرها",
            ]) && d + 2 < far
            {
                return self.resolve_wide(toks, (d + 2, far), far, quiet);
            }
            if matches!(next.f.as_str(), "by" | "from" | "of" | "من") && d + 2 < far {
                // "figures from the airport": whoever "the airport" is
                return self.resolve_wide(toks, (d + 2, b.max(d + 3)), far, quiet);
            }
            if matches!(next.f.as_str(), "by" | "from" | "of" | "من") {
                a = d + 2;
            } else if next.f.starts_with('ل') && next.f.chars().count() > 3 {
                let skip = if next.f.starts_with("لل") {
                    'ل'.len_utf8() * 2
                } else {
                    'ل'.len_utf8()
                };
                let s = next.s + skip;
                let name = self.doc[s..toks[b - 1].e].trim().to_string();
                let words2: Vec<String> = words.iter().skip(1).cloned().collect();
                let sp = Speaker {
                    kind: kind_of(&words2),
                    name,
                    words: words2,
                    skind: String::new(),
                };
                self.history.push(sp.clone());
                return Some(sp);
            } else {
                return None;
            }
            if a >= b {
                return None;
            }
        }
        if toks[a..b].iter().all(|t| {
            t.is_any(AR_NOT_SPEAKER) || matches!(t.f.as_str(), "reporters" | "journalists")
        }) {
            return None;
        }
        let mut name = self.text(toks, (a, b)).trim();
        // "لوكالة الأنباء الرسمية" as an audience: the name starts after the preposition.
        if AR_AUDIENCE.contains(&toks[a].f.as_str()) {
            let skip = if toks[a].f.starts_with("لل") { 2 } else { 1 };
            name = &name[skip * 'ل'.len_utf8()..];
        }
        let name = name
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '،')
            .trim();
        if name.is_empty() {
            return None;
        }
        // "مدير أحد المستشفيات، الطبيب عماد سليمان": the titled name after the comma
        let after_comma = (a..b)
            .rev()
            .find(|&k| is_punct(&toks[k], "،,"))
            .map(|k| k + 1);
        let name = after_comma
            .filter(|&c| c < b)
            .and_then(|c| self.bare_name(toks, (c, b)))
            .or_else(|| self.bare_name(toks, (a, b)))
            .unwrap_or(name);
        let phrase: Vec<&Tok> = toks[a..b].iter().filter(|t| t.word).collect();
        let org = [
            "ministry",
            "department",
            "agency",
            "council",
            "commission",
            "group",
            "company",
            "bank",
            "fund",
            "university",
            "institute",
            "office",
            "party",
            "union",
            "network",
            "alliance",
            "association",
            "authority",
            "court",
            "army",
            "navy",
            "police",
            "government",
            "news",
            "times",
            "post",
        ];
        let personal_name = (2..=3).contains(&phrase.len())
            && phrase
                .iter()
                .all(|t| t.cap && t.f.is_ascii() && !org.contains(&t.f.as_str()));
        let sp = Speaker {
            name: name.to_string(),
            kind: if personal_name {
                Kind::Person
            } else {
                kind_of(&words)
            },
            words,
            skind: String::new(),
        };
        if !quiet || sp.kind == Kind::Outlet {
            self.history.push(sp.clone());
        }
        Some(sp)
    }

    /// The personal name at the end of a titled phrase ("المحلل السياسي هشام العلي",
    /// "Kremlin spokesman Dmitry Peskov"), since a name is how people write a speaker down.
    fn bare_name(&self, toks: &[Tok], r: (usize, usize)) -> Option<&'a str> {
        let words: Vec<usize> = (r.0..r.1).filter(|&k| toks[k].word).collect();
        // "أحد سكان الحي، ويدعى خالد", "طالبة تدعى هبة": the name given
        if let Some(p) = words
            .iter()
            .position(|&k| toks[k].is_verb(&["يدعي", "تدعي"]))
            && p + 1 < words.len()
        {
            return Some(&self.doc[toks[words[p + 1]].s..toks[*words.last()?].e]);
        }
        let title = |t: &Tok| {
            t.v.iter().any(|v| {
                PERSON_NOUNS.contains(&v.as_str())
                    || PERSON_NOUNS.contains(&v.to_lowercase().as_str())
            })
        };
        let first = *words.first()?;
        let rest: Vec<usize> = if toks[first].f.starts_with(is_arabic) {
            if !title(&toks[first]) {
                return None;
            }
            let mut k = 1;
            while k < words.len() {
                let t = &toks[words[k]];
                if t.f.starts_with("ال") || t.is_verb(&["باسم"]) {
                    k += 1;
                } else {
                    break;
                }
            }
            words[k..].to_vec()
        } else {
            let last_title = words.iter().rposition(|&k| title(&toks[k]))?;
            words[last_title + 1..].to_vec()
        };
        let names = rest.len() >= 2
            && rest.iter().all(|&k| {
                let t = &toks[k];
                t.q.is_none()
                    && !t.is_verb(&["في", "من", "عن", "الي", "خلال", "عبر"])
                    && (t.cap || t.f.starts_with(is_arabic))
            })
            && !toks[rest[0]].f.starts_with("ال")
            && !toks[rest[0]].is_any(&[
                "بلديه",
                "وزاره",
                "هيئه",
                "مجلس",
                "جمعيه",
                "نقابه",
                "شركه",
                "منظمه",
                "لجنه",
                "جهاز",
                "مديريه",
                "اداره",
                "دائره",
                "مكتب",
                "حزب",
                "جامعه",
                "مستشفي",
                "محكمه",
                "دوله",
                "حكومه",
                "قسم",
                "مركز",
                "الدفاع",
            ]);
        if !names {
            return None;
        }
        Some(&self.doc[toks[rest[0]].s..toks[*rest.last()?].e])
    }

    /// Builds the claim from its chain, content and stance.
    fn claim(
        &mut self,
        toks: &[Tok],
        chain: Vec<Option<Speaker>>,
        content: (usize, usize),
        v: &Verb,
        s: usize,
        e: usize,
    ) -> Option<ParsedClaim> {
        let mut names: Vec<String> = Vec::new();
        for sp in chain.into_iter().flatten() {
            if names.last() != Some(&sp.name) {
                names.push(sp.name);
            }
        }
        let origin = names.pop()?;
        names.reverse();
        let (cs, ce) = content;
        let (mut a, mut b, mut quote) = (s, e, false);
        if cs < ce {
            let ca = toks[cs].s;
            let cb = toks[ce - 1].e;
            let lead = toks[cs..ce].iter().find(|t| !is_punct(t, ":,،-—–"));
            let starts_quote = lead.and_then(|t| self.quotes.iter().find(|q| q.open == t.s));
            let inside: Vec<&Quote> = self
                .quotes
                .iter()
                .filter(|q| q.open >= ca && q.close_end <= cb)
                .collect();
            let outside_words = |q: &Quote| {
                toks[cs..ce]
                    .iter()
                    .filter(|t| t.word && (t.s < q.inner_start || t.e > q.inner_end))
                    .count()
            };
            let big = inside.iter().find(|q| outside_words(q) <= 1);
            let before = if v.content_before {
                inside.last()
            } else {
                None
            };
            if let Some(q) = starts_quote.or(big.copied()).or(before.copied()) {
                (a, b) = trim(self.doc, q.inner_start, q.inner_end);
                // `"We will act," he said`: the comma belongs to the sentence, not the words.
                let t = self.doc[a..b].trim_end_matches([',', '،']).trim_end();
                b = a + t.len();
                quote = true;
            } else {
                (a, b) = (ca, cb);
            }
        }
        if !quote {
            // trim attribution punctuation at the ends
            let t = &self.doc[a..b];
            let lead = t.len()
                - t.trim_start_matches(|c: char| c.is_whitespace() || ",،:؛;-—–".contains(c))
                    .len();
            let t2 = &t[lead..];
            let body = t2.trim_end_matches(|c: char| c.is_whitespace() || ",،:؛;.-—–".contains(c));
            if body.chars().any(char::is_alphanumeric) {
                a += lead;
                b = a + body.len();
            } else {
                // "X did not respond to a request for comment.": the sentence is the claim.
                (a, b) = (s, e);
            }
        }
        if a >= b {
            return None;
        }
        let text = self.doc[a..b].to_string();
        let stance = stance_of_text(&text, v.stance);
        // A date standing alone between commas is the main verb's ("، الثلاثاء 5 سبتمبر 2023،").
        let mut isolated = vec![false; toks.len()];
        let mut k = cs;
        while k < ce {
            if is_punct(&toks[k], ",،") || k == cs {
                let st = if k == cs && !is_punct(&toks[k], ",،") {
                    k
                } else {
                    k + 1
                };
                let en = (st..ce).find(|&j| is_punct(&toks[j], ",،")).unwrap_or(ce);
                let seg = &toks[st..en];
                let datey = !seg.is_empty()
                    && en < ce
                    && seg.iter().any(|t| t.f.chars().all(|c| c.is_ascii_digit()))
                    && seg.iter().all(|t| {
                        !t.word
                            || t.f.chars().all(|c| c.is_ascii_digit())
                            || t.f.chars().count() <= 10
                    });
                // "SEOUL, Sept. 6, 2023 -": a dateline gives the story's date, not the claim's
                let dateline = toks.first().is_some_and(|t| {
                    t.word
                        && t.f.chars().count() >= 2
                        && self.doc[t.s..t.e].chars().all(|c| !c.is_lowercase())
                        && t.f.is_ascii()
                }) && st < 8;
                if datey && !dateline && seg.iter().filter(|t| t.word).count() <= 5 {
                    for x in isolated.iter_mut().take(en).skip(st) {
                        *x = true;
                    }
                }
                k = en;
            } else {
                k += 1;
            }
        }
        // "LONDON, March 14, 2024 - ...": the dateline is the story's date, not the claim's
        let caps_city = toks.first().is_some_and(|t| {
            t.word
                && t.f.is_ascii()
                && t.f.chars().count() >= 2
                && !self.doc[t.s..t.e].chars().any(char::is_lowercase)
        });
        let dateline_end = if caps_city {
            (0..toks.len().min(14))
                .find(|&k| matches!(toks[k].f.as_str(), "-" | "—" | "–"))
                .map_or(0, |k| k + 1)
        } else {
            0
        };
        let region: Vec<&Tok> = toks
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                *i >= dateline_end && (*i < cs || *i >= ce || isolated[*i]) && t.q.is_none()
            })
            .map(|(_, t)| t)
            .collect();
        let said_on = find_date(&region, self.year);
        Some(ParsedClaim {
            origin,
            via: names,
            stance,
            lang: Some(lang(&text).to_string()),
            text,
            quote,
            span: Span { start: a, end: b },
            said_on,
        })
    }
}

/// Whether a denial verb denies a proposition ("denied that", "نفى وجود", "dismissed reports")
/// rather than turning down a thing ("rejected the results", "رفضوا العرض").
fn denies_proposition(toks: &[Tok], v: &Verb) -> bool {
    let cue = &toks[v.cue];
    // "denied", "نفى", "استبعد", "كذب": their object is a claim
    if !cue.is_verb(AR_REJECT)
        && !matches!(
            cue.f.as_str(),
            "rejected" | "rejects" | "dismissed" | "dismisses" | "disputed" | "disputes"
        )
    {
        return true;
    }
    let from = if v.subj_after { v.attr_end } else { v.cue_end };
    toks[from.min(toks.len())..]
        .iter()
        .take_while(|x| x.word || is_quote_tok(x))
        .take(5)
        .any(|x| {
            is_quote_tok(x)
                || x.is_verb(AR_COMP)
                || x.is_any(&[
                    "اتهامات",
                    "الاتهامات",
                    "ادعاءات",
                    "الادعاءات",
                    "مزاعم",
                    "المزاعم",
                    "تقارير",
                    "التقارير",
                    "انباء",
                    "الانباء",
                    "ما",
                    "وجود",
                    "صحه",
                    "روايه",
                    "الروايه",
                ])
                || matches!(
                    x.f.as_str(),
                    "that"
                        | "claims"
                        | "claim"
                        | "allegations"
                        | "allegation"
                        | "accusations"
                        | "accusation"
                        | "charges"
                        | "reports"
                        | "report"
                        | "suggestions"
                        | "suggestion"
                        | "assertion"
                        | "assertions"
                        | "notion"
                        | "idea"
                        | "speculation"
                        | "rumours"
                        | "rumors"
                        | "criticism"
                        | "account"
                        | "version"
                        | "findings"
                        | "conclusion"
                        | "conclusions"
                        | "characterization"
                        | "characterisation"
                )
        })
}

/// Whether the sentence opens with an impersonal hedge ("ويُعتقد أن", "يقال إن", "it is
/// believed that") before token `i`: what follows is nobody's claim.
fn hedge_before(toks: &[Tok], i: usize) -> bool {
    let words: Vec<&Tok> = toks[..i.min(toks.len())]
        .iter()
        .filter(|t| t.word)
        .take(4)
        .collect();
    let ar = words
        .first()
        .is_some_and(|w| w.is_verb(&["يعتقد", "يقال", "يذكر", "يرجح", "يبدو", "يتوقع", "يفترض"]))
        && words.get(1).is_some_and(|w| w.is_verb(AR_COMP))
        || words.len() >= 3
            && words[0].is_verb(&["من"])
            && words[1].is_any(&["المتوقع", "المرجح", "المعتقد", "المنتظر", "المقرر"])
            && words[2].is_verb(AR_COMP)
        || words
            .first()
            .is_some_and(|w| w.is_verb(&["تشير", "تفيد", "ترجح"]))
            && words
                .get(1)
                .is_some_and(|w| w.is_any(&["التقديرات", "التوقعات"]));
    let en = words.len() >= 3
        && matches!(words[0].f.as_str(), "it")
        && matches!(words[1].f.as_str(), "is" | "was")
        && matches!(
            words[2].f.as_str(),
            "believed" | "thought" | "understood" | "said" | "expected" | "feared" | "rumoured"
        );
    ar || en
}

fn is_quote_tok(t: &Tok) -> bool {
    !t.word && t.f.chars().all(crate::text::is_quote_mark)
}

fn is_en_cue(t: &Tok) -> bool {
    t.word
        && (EN_SAY.contains(&t.f.as_str())
            || EN_DENY.contains(&t.f.as_str())
            || t.f == "according"
            || t.f == "citing")
}

fn kind_of(words: &[String]) -> Kind {
    let has = |list: &[&str]| {
        words
            .iter()
            .any(|w| list.contains(&w.as_str()) || list.contains(&crate::fold::strip_article(w)))
    };
    if has(OUTLET_NOUNS) {
        Kind::Outlet
    } else if has(PERSON_NOUNS) {
        Kind::Person
    } else {
        Kind::Other
    }
}

/// Refusals inside the words themselves turn any claim into a refusal to comment.
fn stance_of_text(text: &str, stance: SpeechAct) -> SpeechAct {
    let f = crate::fold::fold(text);
    if REFUSAL_TEXT.iter().any(|r| f.contains(r)) {
        return SpeechAct::Declines;
    }
    let words = f.split_whitespace().count();
    if words <= 8 && (f.contains("لا يمكنني") || f.contains("لا استطيع")) {
        return SpeechAct::Declines;
    }
    stance
}

/// "ar" or "en", by the script most letters of the text use.
pub fn lang(text: &str) -> &'static str {
    let (mut ar, mut la) = (0, 0);
    for c in text.chars() {
        if is_arabic(c) {
            ar += 1;
        } else if c.is_alphabetic() {
            la += 1;
        }
    }
    if ar >= la { "ar" } else { "en" }
}

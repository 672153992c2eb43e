//! Every word list the parser reads, once, under a name that says what it is for.
//!
//! Words are in folded form (see `crate::fold`): no diacritics or tatweel, alef forms as ا, ى as
//! ي, ة as ه, lower case. A rule names the list it needs instead of writing the words inline, so
//! "which words mark X" has one answer, found here.

// ------------------------------------------------------------------ Arabic cues

/// Present-tense speech verbs: only a report when they open the clause ("ويتوقع الصندوق أن"),
/// not inside someone else's words ("إن كيم يتوقع استمرار المناقشات").
pub(crate) const AR_SAY_PRESENT: &[&str] = &[
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

/// Arabic verbs of saying, stating, accusing and the like: each one attributes a claim.
pub(crate) const AR_SAY: &[&str] = &[
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

/// Arabic denial verbs: the claim is that something is not so ("نفى", "استبعد", "كذب").
pub(crate) const AR_DENY: &[&str] = &[
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

/// "رفض": a refusal when its object is a comment ("رفض التعليق"), else a denial or an act.
pub(crate) const AR_REJECT: &[&str] = &["رفض", "رفضت", "رفضوا", "يرفض", "ترفض"];

/// What one refuses when "رفض" is a refusal to speak ("رفض التعليق", "رفض الإدلاء").
pub(crate) const AR_REFUSE_OBJ: &[&str] = &[
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
pub(crate) const AR_PART: &[&str] = &[
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

/// Participles of denial that continue the sentence's speaker: "نافياً أن".
pub(crate) const AR_DENYING_PART: &[&str] = &["نافيا", "نافيه", "نافين"];

/// Verbs by which evidence speaks ("بيانات X تظهر أن"), counted only when X is a known source.
pub(crate) const AR_EVID: &[&str] = &[
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

/// "نقل عن": the relay verb, a relay only with its "عن" ("نقل" is also "transport").
pub(crate) const AR_RELAY: &[&str] = &["نقل", "نقلت", "نقلوا"];

/// "نقلاً عن X": X is cited.
pub(crate) const AR_CITING: &[&str] = &["نقلا"];

/// "بحسب X", "وفقاً لـ X": X is the speaker or an outer relay.
pub(crate) const AR_ACC: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "طبقا"];

/// After "بحسب ما": the verb of a report whose author follows ("بحسب ما نقلته وكالة X").
pub(crate) const AR_ACC_WHAT_VERBS: &[&str] = &[
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
];

/// Complementizers that open reported content: "أن", "إنه", "بأن".
pub(crate) const AR_COMP: &[&str] = &[
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
/// name "العلي" fold alike once the article goes. ("لـ" folds to "ل", so "ل" covers it.)
pub(crate) const AR_STOP: &[&str] = &[
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
    "عدم",
];

/// After "في", these make an adverbial ("في بيان", "في وقت سابق"), not part of a name.
pub(crate) const AR_ADVERBIAL: &[&str] = &[
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

/// Suffixes of a possessed noun ("في نشرتها"): after "في", an adverbial, not a name.
pub(crate) const AR_POSSESSED_SUFFIXES: &[&str] = &["ها", "هم", "ته", "تها"];

/// Words that open a clause before an Arabic subject-verb order and are never the subject.
pub(crate) const AR_FUNCTION: &[&str] = &[
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

/// Connectives after which a subject-verb clause opens like after "أن" ("لكن الحزب نفى").
pub(crate) const AR_CONTRAST: &[&str] = &["لكن", "بينما", "فيما", "كما", "ثم", "بل", "اما"];

/// "كانت X قد أفادت": the auxiliary before a subject-verb pluperfect.
pub(crate) const AR_WAS: &[&str] = &["كان", "كانت", "كانوا"];

/// Audiences spoken to ("للصحفيين", "لوكالة"): they end a speaker phrase and may be relays.
pub(crate) const AR_AUDIENCE: &[&str] = &[
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

/// The press as an audience ("للصحفيين", "إعلام"): never a speaker or a relay.
pub(crate) const AR_NOT_SPEAKER: &[&str] = &[
    "للصحفيين",
    "للصحافيين",
    "صحفيين",
    "صحافيين",
    "مراسلين",
    "اعلام",
];

/// "تحدث لوكالة X": verbs of speaking to an outlet, which then relays the speaker.
pub(crate) const AR_SPOKE_TO: &[&str] = &["تحدث", "تحدثت", "تحدثوا", "صرح", "صرحت"];

/// "متحدثاً لـ X": the participle of speaking to an outlet.
pub(crate) const AR_SPEAKING_TO: &[&str] = &["متحدثا", "متحدثين", "متحدثه"];

/// "نائب عن المنطقة": representatives, after whom "عن" belongs to the name.
pub(crate) const AR_REPRESENTATIVE: &[&str] = &["نائب", "ممثل", "نواب"];

/// "مصادر مطلعة على", "مصدر مقرب من": informed or close to, the phrase goes on.
pub(crate) const AR_INFORMED: &[&str] = &[
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
];

/// The prepositions that follow [`AR_INFORMED`] ("مطلعة على", "مقرب من").
pub(crate) const AR_INFORMED_PREP: &[&str] = &["علي", "من"];

/// The one "asked not to be named" list: verbs of asking, preferring or refusing by which a
/// source withholds its name ("طلب عدم الكشف عن هويته", "فضل عدم ذكر اسمه").
pub(crate) const AR_ANONYMITY_VERBS: &[&str] = &[
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
];

/// What follows [`AR_ANONYMITY_VERBS`] when a name is withheld ("عدم الكشف", "عدم ذكر").
pub(crate) const AR_ANONYMITY_OBJ: &[&str] =
    &["عدم", "الكشف", "ذكر", "نشر", "الافصاح", "كشف", "اغفال"];

/// The identity withheld: "هويته", "اسمه".
pub(crate) const AR_IDENTITY: &[&str] = &[
    "هويته",
    "هويتها",
    "هويتهم",
    "اسمه",
    "اسمها",
    "اسمهم",
    "اسماءهم",
    "اسمائهم",
];

/// The negation "عدم" before a verb ("طلب عدم ذكر اسمه"): no report follows.
pub(crate) const AR_NOT: &[&str] = &["عدم"];

/// Relative pronouns: a clause about the source, not part of its name.
pub(crate) const AR_RELATIVE: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"];

/// "وهو", "وهي": a circumstantial aside about the source before the verb.
pub(crate) const AR_ASIDE_PRONOUN: &[&str] = &["وهو", "وهي"];

/// Impersonal verbs ("يُعتقد أن", "يقال إن", "يبدو أن"): what follows is nobody's claim.
pub(crate) const AR_IMPERSONAL: &[&str] = &[
    "يعتقد",
    "يقال",
    "يذكر",
    "يرجح",
    "يبدو",
    "يتوقع",
    "يفترض",
    "يشاع",
];

/// "من المتوقع أن": impersonal expectations after "من".
pub(crate) const AR_EXPECTED: &[&str] = &["المتوقع", "المرجح", "المعتقد", "المنتظر", "المقرر"];

/// "تشير التقديرات إلى": verbs of an impersonal estimate.
pub(crate) const AR_ESTIMATE_VERBS: &[&str] = &["تشير", "تفيد", "ترجح"];

/// The estimates themselves ("التقديرات", "التوقعات"), nobody's words.
pub(crate) const AR_ESTIMATES: &[&str] = &["التقديرات", "التوقعات"];

/// Words of a request for comment near "لم يتسن" or "لم يرد" ("على طلب للتعليق").
pub(crate) const AR_COMMENT_REQUEST: &[&str] = &[
    "تعليق",
    "للتعليق",
    "تعقيب",
    "اسئله",
    "استفسارات",
    "طلب",
    "طلبات",
    "اتصالات",
];

/// "لم يتسن الحصول على تعليق": it was not possible (to get a comment).
pub(crate) const AR_NOT_POSSIBLE: &[&str] = &["يتسن", "يتسني", "تعذر", "يمكن"];

/// The comment itself, after which "من X" names who gave none.
pub(crate) const AR_COMMENT: &[&str] = &["تعليق", "للتعليق", "تعقيب"];

/// Negations before a verb of commenting ("لم يعلق", "تعذر").
pub(crate) const AR_NEGATION: &[&str] = &["لم", "ولم", "فلم", "لا", "تعذر"];

/// "لم يعلق X": verbs of commenting.
pub(crate) const AR_COMMENT_VERBS: &[&str] = &["يعلق", "تعلق", "يعقب", "تعقب"];

/// "لم يرد X على طلب للتعليق": verbs of replying.
pub(crate) const AR_REPLY_VERBS: &[&str] = &["يرد", "ترد"];

/// "وصف": what someone called something.
pub(crate) const AR_DESCRIBE: &[&str] = &["وصف", "وصفت", "وصفها", "وصفه", "وصفوا"];

/// "ما وصفه X بـ": before [`AR_DESCRIBE`], the description sits inside another claim.
pub(crate) const AR_WHAT: &[&str] = &["ما", "الذي", "التي", "كما"];

/// "أبلغ X بـ": informed someone of a thing, not a report.
pub(crate) const AR_INFORM: &[&str] = &["ابلغ", "ابلغت", "اخبر", "اخبرت"];

/// "وتابع ناصر:": went on speaking, a cue only before a colon, quote or "أن".
pub(crate) const AR_GOES_ON: &[&str] = &["تابع", "تابعت", "اردف", "اردفت"];

/// "واتهمت النقابة بـ": accusation verbs, whose object follows the subject at once.
pub(crate) const AR_ACCUSE: &[&str] = &["اتهم", "اتهمت", "اتهموا"];

/// Prepositions that tie a following phrase to a name ("باسم", "في", "من", "عن").
pub(crate) const AR_OF: &[&str] = &["في", "من", "باسم", "عن"];

/// "وثائق حصلت عليها صحيفة X": verbs of an outlet obtaining or publishing documents.
pub(crate) const AR_OBTAINED: &[&str] = &["حصلت", "حصل", "اطلعت", "اطلع", "نشرتها", "نشرها"];

/// The "عليها" after [`AR_OBTAINED`].
pub(crate) const AR_ON_IT: &[&str] = &["عليها", "عليه", "عليهم"];

/// "62 في المئة", "معظم": a share of respondents is content, not a speaker.
pub(crate) const AR_SHARE: &[&str] = &["معظم", "اغلب", "اغلبيه", "نصف", "ثلث", "ربع"];

/// "في تصريحات نقلتها وكالة X": remarks that an outlet relayed.
pub(crate) const AR_REMARKS: &[&str] = &[
    "مقابله",
    "حديث",
    "تصريحات",
    "تصريح",
    "بيان",
    "كلمه",
    "مقابلات",
];

/// After [`AR_REMARKS`]: the outlet relayed or broadcast them ("نقلتها", "بثتها").
pub(crate) const AR_RELAYED_IT: &[&str] = &[
    "نقلتها",
    "نقلها",
    "اوردتها",
    "اورده",
    "بثتها",
    "بثها",
    "نشرتها",
    "نشرها",
    "اوردها",
];

/// "في مقابلة مع X", "في حديث لـ X": an interview, whose outlet relays the speaker.
pub(crate) const AR_INTERVIEW: &[&str] = &["مقابله", "حديث", "تصريحات", "تصريح", "لقاء", "اتصال"];

/// Adjectives of an interview ("هاتفي", "خاص"), skipped before "مع".
pub(crate) const AR_INTERVIEW_ADJ: &[&str] =
    &["هاتفي", "خاص", "صحفي", "متلفز", "تلفزيوني", "اذاعي", "خاصه"];

/// "مع", "لـ": the preposition before an interviewer.
pub(crate) const AR_WITH_TO: &[&str] = &["مع", "ل", "لـ"];

// ------------------------------------------------------------------ English cues

/// English verbs of saying, stating, accusing and the like: each one attributes a claim.
pub(crate) const EN_SAY: &[&str] = &[
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
pub(crate) const PLAIN_REPORT: &[&str] = &[
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

/// "X said, adding/continuing": verbs that go on with the same speaker, and so the same relay.
pub(crate) const CONTINUE_VERBS: &[&str] = &[
    "اضاف",
    "اضافت",
    "اضافوا",
    "تابع",
    "تابعت",
    "اردف",
    "اردفت",
    "added",
    "adds",
    "continued",
];

/// English denial verbs ("denied", "rejected", "disputed").
pub(crate) const EN_DENY: &[&str] = &[
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

/// English denial verbs that may also turn down a thing ("rejected the results"), so they deny
/// only when their object is a proposition.
pub(crate) const EN_REJECT: &[&str] = &[
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "disputed",
    "disputes",
];

/// "declined to comment": verbs of refusal, a refusal only before [`EN_REFUSE_OBJ`].
pub(crate) const EN_REFUSE: &[&str] = &["declined", "declines", "refused", "refuses"];

/// What one declines to do when declining to speak ("declined to comment").
pub(crate) const EN_REFUSE_OBJ: &[&str] = &[
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

/// English participles that continue the sentence's speaker after a comma ("..., adding that").
pub(crate) const EN_PART: &[&str] = &[
    "accusing",
    "adding",
    "warning",
    "saying",
    "noting",
    "stressing",
    "insisting",
];

/// "rejected the results, alleging fraud": participles that turn a rejection into a claim.
pub(crate) const EN_JUSTIFY: &[&str] = &["alleging", "arguing", "claiming"];

/// Verbs by which evidence speaks ("data from X show that"), counted only when X is known.
pub(crate) const EN_EVID: &[&str] = &[
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

/// "citing X", "quoting X": X is cited.
pub(crate) const EN_CITING: &[&str] = &["citing", "quoting"];

/// "which cited X", "was quoted by X": the relay verbs of citing.
pub(crate) const EN_CITED: &[&str] = &["cited", "quoted"];

/// "which", "who": a relative clause about the source.
pub(crate) const EN_WHICH_WHO: &[&str] = &["which", "who"];

/// "who", "whom", "which": a relative clause after a source that is not the content.
pub(crate) const EN_RELATIVE: &[&str] = &["who", "whom", "which"];

/// Words that open a clause about a source inside "according to X who ..." (not its name).
pub(crate) const EN_SOURCE_CLAUSE: &[&str] = &["who", "whom", "which", "that", "speaking"];

/// "The firm that carried out the repairs declined": words that start a relative clause.
pub(crate) const EN_THAT_WHO: &[&str] = &["that", "who", "which"];

/// "pens that it said had been sold": words before an embedded "it said".
pub(crate) const EN_THAT_WHAT: &[&str] = &["that", "which", "who", "what"];

/// Before a participle, these make it an adjective ("the announced plan", "of reported cases").
pub(crate) const EN_ADJECTIVAL_BEFORE: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "this", "these", "those", "of", "for", "with",
    "in", "on", "newly", "widely",
];

/// "added 27 companies", "added a new line": objects that make "added" not speech.
pub(crate) const EN_ADDED_OBJ: &[&str] = &["a", "an", "its", "their", "new", "more"];

/// Forms of "be" (and "widely") before a participle: a passive, not a report.
pub(crate) const EN_PASSIVE: &[&str] = &[
    "was", "were", "been", "be", "is", "are", "being", "it's", "widely",
];

/// "was quoted by": forms of "be" that make a relay verb passive.
pub(crate) const EN_WAS: &[&str] = &["was", "were", "been", "is"];

/// "It was reported by X": auxiliaries of a passive report.
pub(crate) const EN_AUX: &[&str] = &["was", "were", "been", "is", "are"];

/// "was first reported by": adverbs between the auxiliary and a passive report.
pub(crate) const EN_PASSIVE_ADVERB: &[&str] = &["first", "initially", "previously", "also"];

/// Negations before a verb ("did not say", "wouldn't comment", "never said").
pub(crate) const EN_NOT: &[&str] = &["not", "n't", "never"];

/// "would not say": modals that make a negated "say" a refusal.
pub(crate) const EN_MODAL: &[&str] = &["would", "could", "will", "wouldn't", "couldn't"];

/// "X called the decision "a vote of confidence"": verbs of naming something.
pub(crate) const EN_CALLED: &[&str] = &["called", "described", "calls", "describes"];

/// "the report found that": verbs of a finding.
pub(crate) const EN_FOUND: &[&str] = &["found", "finds"];

/// "did not respond to a request for comment": verbs of replying.
pub(crate) const EN_RESPOND: &[&str] = &["respond", "reply", "return"];

/// Before [`EN_RESPOND`]: "did not", "did not immediately".
pub(crate) const EN_RESPOND_NOT: &[&str] = &["not", "immediately", "n't"];

/// What went unanswered ("a request for comment", "questions", "emails").
pub(crate) const EN_REQUESTS: &[&str] = &[
    "comment",
    "claims",
    "allegations",
    "questions",
    "request",
    "requests",
    "queries",
    "inquiries",
    "calls",
    "emails",
    "messages",
    "accusations",
];

/// Auxiliaries and adverbs between an English subject and its verb ("has also said").
pub(crate) const EN_SKIP_BEFORE: &[&str] = &[
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

/// Words that open a subordinate clause and so bound an English speaker phrase.
pub(crate) const EN_BOUND: &[&str] = &[
    "that", "which", "who", "whom", "while", "as", "when", "because", "after", "before", "if",
    "although", "though", "whereas", "since", "where", "what", "how", "why",
];

/// Words after which an English speaker phrase cannot go on (prepositions, pronouns, articles).
pub(crate) const EN_OBJ_STOP: &[&str] = &[
    "that", "in", "on", "at", "during", "to", "as", "about", "after", "before", "last", "this",
    "earlier", "late", "by", "from", "when", "while", "who", "which", "but", "for", "over", "via",
    "with", "he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "there", "these",
    "those", "the", "a", "an",
];

/// English articles, skipped when reading a noun phrase.
pub(crate) const EN_ARTICLES: &[&str] = &["the", "a", "an"];

/// "and", "but": a coordinated verb keeps the earlier subject.
pub(crate) const EN_AND_BUT: &[&str] = &["and", "but"];

/// "people familiar with the talks": adjectives of knowledge or closeness before a preposition.
pub(crate) const EN_FAMILIAR: &[&str] = &[
    "familiar",
    "close",
    "briefed",
    "knowledge",
    "aware",
    "involved",
];

/// The prepositions after [`EN_FAMILIAR`] ("familiar with", "close to").
pub(crate) const EN_FAMILIAR_PREP: &[&str] = &["with", "to", "on", "of", "in"];

/// "a person with knowledge of the matter": what "with" introduces inside a speaker phrase.
pub(crate) const EN_WITH_KNOWLEDGE: &[&str] = &["knowledge", "direct", "ties"];

/// "officials at the ministry", "a source from the party": prepositions of membership.
pub(crate) const EN_MEMBER_OF: &[&str] = &["at", "from", "of"];

/// People inside an organisation who may be a source ("executives", "staff", "traders").
pub(crate) const EN_INSIDERS: &[&str] = &[
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
];

/// "a memo seen by Reuters": the participles of an outlet seeing a document, which it relays.
pub(crate) const EN_SEEN: &[&str] = &["seen", "obtained", "reviewed", "viewed", "acquired"];

/// "drivers interviewed by X", "quoted by X": participles after which "by X" is a relay.
pub(crate) const EN_RELAYED_BY: &[&str] = &[
    "interviewed",
    "quoted",
    "cited",
    "contacted",
    "obtained",
    "seen",
    "reviewed",
];

/// "The poll, conducted by X": participles after which "by X" is the author of a document.
pub(crate) const EN_MADE_BY: &[&str] = &[
    "conducted",
    "commissioned",
    "carried",
    "published",
    "released",
    "compiled",
];

/// "figures published by the commission": participles of issuing data.
pub(crate) const EN_ISSUED: &[&str] = &[
    "published",
    "released",
    "issued",
    "compiled",
    "provided",
    "gathered",
    "collected",
];

/// "X, speaking on condition of anonymity, said": words that open a parenthetical about the
/// subject, not an apposition naming it.
pub(crate) const EN_PARENTHETICAL: &[&str] = &[
    "speaking",
    "who",
    "which",
    "asking",
    "requesting",
    "talking",
    "writing",
    "quoted",
    "cited",
    "interviewed",
    "not",
    "conducted",
    "commissioned",
    "carried",
    "published",
    "released",
];

/// Words that look like a verb ("walked", "has"), ending the subject of a sentence-opening clause.
pub(crate) const EN_VERBISH: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "went", "began", "took",
    "made", "left", "held", "staged",
];

/// "it said", "they said": pronouns of an aside inside someone else's claim.
pub(crate) const EN_PRON_SUBJECT: &[&str] = &["it", "he", "she", "they"];

/// "No group has claimed responsibility": nobody spoke.
pub(crate) const EN_NOBODY: &[&str] = &["no", "nobody", "none", "neither"];

/// "In an interview with X": the prepositions after "interview".
pub(crate) const EN_INTERVIEW_PREP: &[&str] = &["with", "on", "to"];

/// ", X said in a statement on Tuesday": words that may follow a trailing attribution.
pub(crate) const EN_TRAILING: &[&str] = &[
    "in",
    "a",
    "an",
    "statement",
    "interview",
    "briefing",
    "the",
    "at",
    "late",
    "this",
    "morning",
    "evening",
    "night",
    "news",
    "conference",
];

/// Time and place words between a verb and its "that" ("said on Tuesday that").
pub(crate) const EN_WHEN: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "last",
    "earlier",
    "late",
    "this",
    "yesterday",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// "it is believed that": passives of an impersonal claim.
pub(crate) const EN_IMPERSONAL: &[&str] = &[
    "believed",
    "thought",
    "understood",
    "said",
    "expected",
    "feared",
    "rumoured",
];

/// "it is", "it was": the copula of an impersonal claim.
pub(crate) const EN_IS_WAS: &[&str] = &["is", "was"];

// ------------------------------------------------------------------ speakers

/// Personal pronouns that refer back to a person.
pub(crate) const EN_PRON_PERSON: &[&str] = &["he", "she", "him", "her"];

/// Pronouns that refer back to the last speaker of any kind.
pub(crate) const EN_PRON_OTHER: &[&str] = &["it", "they", "we", "i"];

/// Arabic personal pronouns "هو", "هي", which refer back to a person.
pub(crate) const AR_PRON_PERSON: &[&str] = &["هو", "هي"];

/// Arabic "هم", which refers back to the last speaker.
pub(crate) const AR_PRON_OTHER: &[&str] = &["هم"];

/// "its general secretary", "their spokesman": the officer of the body just named.
pub(crate) const EN_ITS: &[&str] = &["its", "their"];

/// "رئيسها": suffixes of an officer of the body just named.
pub(crate) const AR_ITS_SUFFIXES: &[&str] = &["ها", "هم", "ه"];

/// "وقال أحدهم": one of the people just named.
pub(crate) const AR_ONE_OF_THEM: &[&str] = &["احدهم", "احدهما", "احداهن"];

/// "متحدث باسمه": a spokesman for whoever the sentence is about.
pub(crate) const AR_ON_ITS_BEHALF: &[&str] = &["باسمه", "باسمها", "باسمهم"];

/// "a spokesperson for the government": prepositions after the head noun of a speaker phrase.
pub(crate) const EN_HEAD_PREP: &[&str] = &["for", "of", "at", "with", "to"];

/// Spokespeople: "a spokesperson said" speaks for the body last named.
pub(crate) const SPOKESPEOPLE: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "متحدث",
    "ناطق",
    "متحدثه",
];

/// "a report by X", "figures from X": prepositions of provenance.
pub(crate) const EN_FROM_BY: &[&str] = &["from", "by", "of"];

/// Prepositions of provenance in either language ("by", "من").
pub(crate) const FROM_BY: &[&str] = &["by", "from", "of", "من"];

/// "استطلاع أجراه مركز X": verbs of carrying out or issuing a document.
pub(crate) const AR_MADE_IT: &[&str] = &[
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
];

/// The press as an English audience ("reporters"): never a speaker.
pub(crate) const EN_PRESS: &[&str] = &["reporters", "journalists"];

/// Occasions spoken at ("a news conference", "lawmakers"): an audience that relays nothing.
pub(crate) const EVENTS: &[&str] = &[
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
];

/// Words that make a capitalised English phrase an organisation rather than a person's name.
pub(crate) const EN_ORG_WORDS: &[&str] = &[
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

/// "طالبة تدعى هبة": the verb that gives a name.
pub(crate) const AR_CALLED: &[&str] = &["يدعي", "تدعي"];

/// "باسم": "on behalf of", which stays inside a title before a name.
pub(crate) const AR_ON_BEHALF: &[&str] = &["باسم"];

/// Prepositions that cannot be part of a personal name after a title.
pub(crate) const AR_NAME_BREAK: &[&str] = &["في", "من", "عن", "الي", "خلال", "عبر"];

/// Arabic institution nouns: after a title they start a body's name, not a person's.
pub(crate) const AR_BODIES: &[&str] = &[
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
];

/// Documents and data that speak for whoever issued them ("the report", "بيان").
pub(crate) const DOC_NOUNS: &[&str] = &[
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
pub(crate) const SPEAKER_NOUNS: &[&str] = &[
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

/// Nouns of news outlets: a phrase with one is an outlet, which relays rather than originates.
pub(crate) const OUTLET_NOUNS: &[&str] = &[
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

/// Titles and trades of people: a phrase with one names a person, and a name may follow it.
pub(crate) const PERSON_NOUNS: &[&str] = &[
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

/// "the company", "the ministry", "الوكالة": head nouns that refer back to a source of the
/// workspace kinds listed with them.
pub(crate) const ANAPHOR_KINDS: &[(&[&str], &[&str])] = &[
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

// ------------------------------------------------------------------ stance

/// Nouns and words after "رفض"/"rejected" that make it a denial of a proposition ("rejected the
/// allegations", "رفض الاتهامات") rather than turning down a thing.
pub(crate) const PROPOSITIONS: &[&str] = &[
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
];

/// English objects that make "rejected"/"disputed" a denial of a proposition.
pub(crate) const EN_PROPOSITIONS: &[&str] = &[
    "that",
    "claims",
    "claim",
    "allegations",
    "allegation",
    "accusations",
    "accusation",
    "charges",
    "reports",
    "report",
    "suggestions",
    "suggestion",
    "assertion",
    "assertions",
    "notion",
    "idea",
    "speculation",
    "rumours",
    "rumors",
    "criticism",
    "account",
    "version",
    "findings",
    "conclusion",
    "conclusions",
    "characterization",
    "characterisation",
];

/// Refusals inside the words themselves ("no comment", "لا تعليق"): the claim declines.
pub(crate) const REFUSAL_TEXT: &[&str] = &[
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

/// Short answers that decline ("لا يمكنني ...", "لا أستطيع ..."), counted in short quotes only.
pub(crate) const SHORT_REFUSAL_TEXT: &[&str] = &["لا يمكنني", "لا استطيع"];

// ------------------------------------------------------------------ punctuation

/// Punctuation that ends a speaker phrase.
pub(crate) const HARD_PUNCT: &str = "،,:;؛.()[]!?؟\"“”«»„‟";

/// Dashes that end a dateline ("LONDON, March 14 -").
pub(crate) const DASHES: &[&str] = &["-", "—", "–"];

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lists() -> Vec<(&'static str, &'static [&'static str])> {
        let mut v: Vec<(&str, &[&str])> = vec![
            ("AR_SAY_PRESENT", AR_SAY_PRESENT),
            ("AR_SAY", AR_SAY),
            ("AR_DENY", AR_DENY),
            ("AR_REJECT", AR_REJECT),
            ("AR_REFUSE_OBJ", AR_REFUSE_OBJ),
            ("AR_PART", AR_PART),
            ("AR_EVID", AR_EVID),
            ("AR_ACC_WHAT_VERBS", AR_ACC_WHAT_VERBS),
            ("AR_COMP", AR_COMP),
            ("AR_STOP", AR_STOP),
            ("AR_ADVERBIAL", AR_ADVERBIAL),
            ("AR_FUNCTION", AR_FUNCTION),
            ("AR_AUDIENCE", AR_AUDIENCE),
            ("AR_INFORMED", AR_INFORMED),
            ("AR_ANONYMITY_VERBS", AR_ANONYMITY_VERBS),
            ("AR_IDENTITY", AR_IDENTITY),
            ("AR_IMPERSONAL", AR_IMPERSONAL),
            ("AR_COMMENT_REQUEST", AR_COMMENT_REQUEST),
            ("AR_RELAYED_IT", AR_RELAYED_IT),
            ("AR_MADE_IT", AR_MADE_IT),
            ("AR_BODIES", AR_BODIES),
            ("EN_SAY", EN_SAY),
            ("PLAIN_REPORT", PLAIN_REPORT),
            ("EN_DENY", EN_DENY),
            ("EN_REFUSE_OBJ", EN_REFUSE_OBJ),
            ("EN_SKIP_BEFORE", EN_SKIP_BEFORE),
            ("EN_BOUND", EN_BOUND),
            ("EN_OBJ_STOP", EN_OBJ_STOP),
            ("EN_INSIDERS", EN_INSIDERS),
            ("EN_PARENTHETICAL", EN_PARENTHETICAL),
            ("EVENTS", EVENTS),
            ("EN_ORG_WORDS", EN_ORG_WORDS),
            ("DOC_NOUNS", DOC_NOUNS),
            ("SPEAKER_NOUNS", SPEAKER_NOUNS),
            ("OUTLET_NOUNS", OUTLET_NOUNS),
            ("PERSON_NOUNS", PERSON_NOUNS),
            ("PROPOSITIONS", PROPOSITIONS),
            ("EN_PROPOSITIONS", EN_PROPOSITIONS),
        ];
        for (nouns, _) in ANAPHOR_KINDS {
            v.push(("ANAPHOR_KINDS", nouns));
        }
        v
    }

    #[test]
    fn no_list_repeats_a_word() {
        for (name, list) in all_lists() {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert!(seen.insert(w), "{name} lists {w} twice");
            }
        }
    }

    #[test]
    fn words_are_written_folded_so_they_can_match() {
        for (name, list) in all_lists() {
            for w in list {
                assert_eq!(
                    crate::fold::fold(w),
                    *w,
                    "{name}: {w} is not in folded form"
                );
            }
        }
    }

    #[test]
    fn rejecting_verbs_are_denials_too() {
        assert!(EN_REJECT.iter().all(|w| EN_DENY.contains(w)));
    }

    #[test]
    fn the_relay_verb_is_a_speech_verb() {
        assert!(AR_RELAY.iter().all(|w| AR_SAY.contains(w)));
    }
}

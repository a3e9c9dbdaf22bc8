"""Word lists and widget-phrase lexicons used by the line features and rules.

The lexicons describe *kinds* of site chrome (share buttons, newsletter prompts,
comment forms, ...) in the languages we meet (English, Portuguese, Spanish,
French, German, Russian, Indonesian); they are deliberately generic and never
name a particular site.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """Whitespace-separated word list as a set (keeps long lists readable)."""
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """ "|"-separated phrase list (whitespace around the bars and line breaks ignored)."""
    return tuple(" ".join(p.split()) for p in text.split("|") if p.strip())


# Function words per language: a high share of them marks running prose.
STOPWORDS: frozenset[str] = _words(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said says say one two many much may might must new like even
    still though o os as um uma uns umas de do da dos das em no na nos nas por para com sem
    que se mas ou e é foi são ser ter tem como mais muito ao aos à às pelo pela seu sua seus
    suas ele ela eles elas isso este esta esse essa já também quando onde porque entre sobre
    até el la los las un una y en del al lo le les es por con para su sus pero como más le
    la les un une des du de et est dans pour pas sur au aux ce cette qui que il elle der die
    das und ist nicht ein eine mit auf für von zu den dem im sich auch als wie и в во не что
    он она оно они на я с со как а то все так его но да ты к у же вы за бы по только ее её
    мне было вот от меня о из ему теперь когда даже ну ли если уже или ни быть был была были
    него до вас нибудь опять уж вам ведь там потом себя ничего ей может это этот эта эти
    который которые которая чтобы при для yang dan di ke dari ini itu dengan untuk dalam
    tidak akan pada juga ada karena oleh sebagai atau bisa saat sudah lebih mereka kita kami
    saya jadi seperti telah bahwa
    """
)

# Phrase syntax: words are matched as whole tokens; "^word" only as the first token of a
# line; "stem*" as a token prefix in lines of <= 4 words (inflected Russian forms, so
# non-Latin stems only); "©" as a character;
# "=words" only when the whole line is these words (digits ignored: "12 Comments").
# Reason code -> phrases (lower case). A short line containing one is chrome.
WIDGET_PHRASES: dict[str, tuple[str, ...]] = {
    # Single everyday words ("share", "twitter", "menu", "daftar") are whole-line only:
    # as part of a heading they are news ("Twitter suspends account", "Daftar Pemain").
    "share_widget": _phrases(
        """
        share this | share the news | share on | share via | shared this story |
        share article | share story | share this article | sharing options | sharing is
        caring | tweet this | pin it | email this | print this | print article | copy link |
        link copied | compartilhe | compartilhar | поделиться | bagikan | compartir |
        partager | teilen | =share | =tweet | =email | =print | =whatsapp | =facebook |
        =twitter | =linkedin | =pinterest | =reddit | =telegram | =flipboard | =messenger |
        =pocket | =mail | =shares
        """
    ),
    "follow_widget": _phrases(
        """
        follow us | please follow | like us on | find us on | connect with us | siga-nos |
        подписывайтесь | мы в соцсетях | ikuti kami | síguenos | suivez-nous | folgen sie
        """
    ),
    "newsletter_prompt": _phrases(
        """
        newsletter | subscribe | sign up for | sign up to | signup | get our newsletter |
        delivered to your inbox | to your inbox | email alerts | breaking news emails |
        inscreva-se | =assine | assine já | assine agora | подпишитесь | подписаться |
        рассылк* | berlangganan | suscríbete | abonnez | abonnieren
        """
    ),
    "account_link": _phrases(
        """
        sign in | sign-in | log in | =login | log out | logout | =register | register now |
        forgot password | forgot your password | my account | create account | create an
        account | not a member | =entrar | =cadastre | войти | регистрац* | =masuk | =daftar
        | iniciar sesión | =connexion | =anmelden
        """
    ),
    "cookie_privacy": _phrases(
        """
        cookie policy | cookies policy | cookie settings | cookie preferences | accept
        cookies | we use cookies | uses cookies | =cookies | privacy policy | privacy notice |
        terms of use | terms of service | terms and conditions | terms & conditions |
        política de privacidade | termos de uso | конфиденциальност* | пользовательское
        соглашение | kebijakan privasi | syarat dan ketentuan | política de privacidad |
        datenschutz | do not sell my | adchoices | ad choices
        """
    ),
    "copyright_line": _phrases(
        """
        © | copyright | all rights reserved | todos os direitos | все права защищены | hak
        cipta | derechos reservados | tous droits | alle rechte | document is subject to
        copyright | may not be published, broadcast
        """
    ),
    "comment_widget": _phrases(
        """
        leave a reply | leave a comment | post a comment | add a comment | no comments | there
        are no comments | comments for this | be the first to comment | your email address
        will not be published | required fields are marked | comment policy | view comments |
        show comments | load comments | join the discussion | join the conversation | you are
        commenting using | cancel reply | deixe um comentário | deixe seu comentário |
        =comentários | комментари* | оставить комментарий | tinggalkan balasan | =komentar |
        tulis komentar | deja un comentario | laisser un commentaire | =reply | =responder |
        =ответить | =balas | =comments | =comment | =hide comments
        """
    ),
    "related_list": _phrases(
        """
        related articles | related posts | related stories | related content | related
        coverage | ^related | see more | don't miss | =watch | watch now | more on this |
        explore further | next up | up next | latest headlines | top headlines | you may also
        like | you might also like | recommended for you | more stories | more news | most
        read | most popular | most viewed | read more | read next | also read | see also |
        trending | popular posts | recent posts | latest news | latest stories | top stories |
        what to read next | leia também | veja também | leia mais | notícias relacionadas |
        mais lidas | читайте также | смотрите также | =популярное | baca juga | berita
        terkait | artikel terkait | =terkait | lee también | lire aussi | auch interessant
        """
    ),
    "donation_appeal": _phrases(
        """
        =donate | donate now | make a donation | support us | support our journalism |
        support our work | we need your support | support independent journalism | become a
        patron | become a member | contribute now | make a contribution | doe agora |
        =apoie | поддержите | dukung kami
        """
    ),
    "mobile_link": _phrases(
        """
        mobile version | exit mobile version | desktop version | view full site | view
        desktop | versão mobile | мобильная версия | versi mobile | versión móvil
        """
    ),
    "advertisement": _phrases(
        """
        =advertisement | =sponsored | sponsored content | sponsored by | advertise with |
        =advertise | paid content | =publicidade | =реклама | =iklan | =publicidad | =anzeige
        """
    ),
    "navigation": _phrases(
        """
        skip to content | skip to main | back to top | go to home page | homepage | main menu
        | toggle navigation | search for | next article | previous article | next post |
        previous post | next story | previous story | close menu | site index | página
        inicial | =главная | =beranda | =menu | filed under | ^tags | ^tagged | ^topics |
        ^categories | =video | =videos | =photo | =photos | =gallery | =audio | =listen |
        =play video
        """
    ),
}

# Labels that introduce an author (byline) in several languages.
BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|words by|story by|text by|posted by|por|от|oleh|par|von|autor[a]?:?|"
    r"author:?|penulis:?|автор:?|текст:|text:|texto:)\s+",
    re.IGNORECASE,
)

# Labels that introduce a publication date.
PUBLISHED_PREFIX = re.compile(
    r"^(?:published(?: on)?|posted(?: on)?|posted|first published(?: on)?|date|dated|"
    r"publicado(?: em| el)?|опубликовано|дата публикации|diterbitkan|dipublikasikan|"
    r"diposting(?: pada)?|publié le|veröffentlicht(?: am)?)\b[:\s]*",
    re.IGNORECASE,
)

# Lower-case particles allowed inside person names ("Ibn", "van der").
NAME_PARTICLES: frozenset[str] = _words(
    "de da do dos das del della di van von der den la le bin binti al el ibn ben mc o"
)

# Words that mark an organisation or agency rather than a person in an author slot.
ORG_WORDS: frozenset[str] = _words(
    """
    news press agency agencies reuters ap afp bloomberg getty images photo photos staff
    editor editors editorial desk team media magazine times post daily herald journal
    tribune network international wire online com net org radio tv television channel
    associated service services group report reports contributor contributors admin
    administrator webmaster newsroom correspondent crescent institute foundation
    """
)

# Words of site interfaces that never occur in a person's name ("Read Later",
# "Order Reprints", "Upcoming Events"): a bare "name" line made of them is chrome.
UI_WORDS: frozenset[str] = _words(
    """
    events upcoming points key map site sections section menu reprints reprint order print
    article articles originals digital comments comment last latest secrets follow read
    later listen live watch video videos more share subscribe home search top popular
    trending related sponsored deals deal store shop about contact privacy terms help login
    sign account newsletter newsletters podcast podcasts photo photos gallery weather
    feedback give airshow digest investing entertainment recipes recipe holidays swimming
    diving results view views next previous back page pages open close skip main full
    story stories report reports update updates alert alerts daily weekly today tonight
    week weekend free guide guides review reviews best new white house court office club
    center centre league cup series city county state university college school street
    via ad ads supplement
    """
)

# Words of a heading that introduces links rather than article content ("More Great
# WIRED Stories", "Next Up In Science & Health"): such a heading never opens a list
# of article items.
LINK_INTRO_WORDS: frozenset[str] = _words(
    """
    stories story articles posts reads headlines next more related recommended popular
    latest trending also read watch videos podcasts newsletters coverage links sponsored
    """
)

# Vocabulary of newsroom section names: a short label made of these is a section.
SECTION_WORDS: frozenset[str] = _words(
    """
    news analysis opinion opinions politics political world national local business economy
    economics finance markets money tech technology science health sport sports culture arts
    entertainment lifestyle life style travel food education environment climate opinion
    editorial editorials features feature commentary columns column reviews review world
    international foreign policy geopolitics defense defence security military middle east
    asia africa europe americas us uk region regional latin america pacific religion society
    media investigations investigation interview interviews breaking headlines economy
    energy law justice crime legal global affairs diplomacy history books music film movies
    tv gaming games autos cars real estate property weather nation state states elections
    election blog blogs notícias noticias política economia esporte esportes mundo brasil
    internacional cultura tecnologia новости политика экономика мир общество спорт культура
    berita politik ekonomi olahraga dunia nasional internasional budaya teknologi
    """
)
SECTION_JOINERS: frozenset[str] = _words("& and e и dan y et und - / |")

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan janeiro jan enero ene janvier janv januar январь января янв januari",
        "february feb fevereiro fev febrero février févr februar февраль февраля фев februari",
        "march mar março marzo mars märz март марта maret",
        "april apr abril avr avril апрель апреля апр",
        "may maio mayo mai май мая mei",
        "june jun junho junio juin juni июнь июня",
        "july jul julho julio juillet juil juli июль июля",
        "august aug agosto ago août august август августа авг agustus agu",
        "september sep sept setembro set septiembre septembre сентябрь сентября сен",
        "october oct outubro out octubre octobre oktober октябрь октября окт okt",
        "november nov novembro noviembre novembre ноябрь ноября ноя",
        "december dec dezembro dez diciembre dic décembre déc dezember декабрь декабря дек "
        "desember des",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _num)

# Hijri month names, keyed by their compact form (lower case, letters only) so that
# "Sha'ban", "Shaban" and "Sha’ban" or "Jumada' al-Akhirah" and "Jumada al-Akhirah" agree.
HIJRI_MONTHS: dict[str, int] = {
    key: num
    for num, keys in enumerate(
        [
            "muharram muharam",
            "safar shafar",
            "rabialawwal rabiulawwal rabiulawal rabialawal rabialula rabiulawal rabii",
            "rabialthani rabialakhir rabiulakhir rabiulthani rabiii rabiulakhir rabiuts tsani",
            "jumadaalawwal jumadaalula jumadilawal jumadalawal jumadai jumadaaloola",
            "jumadaalakhirah jumadaalthani jumadilakhir jumadaalakhira jumadaii jumadaalakhir",
            "rajab",
            "shaban syaban shaaban",
            "ramadan ramadhan ramazan",
            "shawwal syawal shawal",
            "dhualqadah dhulqadah dhualqidah dzulqaidah dhulqidah dhualqaadah zulqadah",
            "dhualhijjah dhulhijjah dzulhijjah zulhijjah",
        ],
        start=1,
    )
    for key in keys.split()
}


def compact(name: str) -> str:
    """Lower-case letters only: the key used for month-name lookups."""
    return re.sub(r"[^a-zа-яё]", "", name.lower())

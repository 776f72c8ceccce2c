/* CD-TEXT names: languages (EBU Tech 3264 Appendix 3, as listed in libburn doc/cdtext.txt),
 * fields (cdrdao/CUE keywords), character codes, genres (87h codes, libburn/libcdio list). */
#include "tocex/cdtext.h"

static const char *const languages_00[0x2C] = {
    "Unknown",   "Albanian",  "Breton",    "Catalan",       "Croatian",   "Welsh",      "Czech",
    "Danish",    "German",    "English",   "Spanish",       "Esperanto",  "Estonian",   "Basque",
    "Faroese",   "French",    "Frisian",   "Irish",         "Gaelic",     "Galician",   "Icelandic",
    "Italian",   "Lappish",   "Latin",     "Latvian",       "Luxembourgian", "Lithuanian", "Hungarian",
    "Maltese",   "Dutch",     "Norwegian", "Occitan",       "Polish",     "Portuguese", "Romanian",
    "Romansh",   "Serbian",   "Slovak",    "Slovenian",     "Finnish",    "Swedish",    "Turkish",
    "Flemish",   "Wallon",
};

/* 45h..7Fh (EBU Tech 3264 counts these downwards from 7Fh). */
static const char *const languages_45[0x7F - 0x45 + 1] = {
    "Zulu",       "Vietnamese", "Uzbek",      "Urdu",         "Ukrainian",  "Thai",       "Telugu",
    "Tatar",      "Tamil",      "Tadzhik",    "Swahili",      "Sranan Tongo", "Somali",   "Sinhalese",
    "Shona",      "Serbo-croat", "Ruthenian", "Russian",      "Quechua",    "Pushtu",     "Punjabi",
    "Persian",    "Papamiento", "Oriya",      "Nepali",       "Ndebele",    "Marathi",    "Moldavian",
    "Malaysian",  "Malagasay",  "Macedonian", "Laotian",      "Korean",     "Khmer",      "Kazakh",
    "Kannada",    "Japanese",   "Indonesian", "Hindi",        "Hebrew",     "Hausa",      "Gurani",
    "Gujurati",   "Greek",      "Georgian",   "Fulani",       "Dari",       "Churash",    "Chinese",
    "Burmese",    "Bulgarian",  "Bengali",    "Bielorussian", "Bambora",    "Azerbaijani", "Assamese",
    "Armenian",   "Arabic",     "Amharic",
};

const char *tocex_cdtext_language_name(uint8_t code)
{
    if (code < 0x2C)
        return languages_00[code];
    if (code >= 0x45 && code <= 0x7F)
        return languages_45[code - 0x45];
    return NULL;
}

static const char *const field_names[TOCEX_CDTEXT_FIELD_COUNT] = {
    "TITLE",     "PERFORMER", "SONGWRITER", "COMPOSER",  "ARRANGER",  "MESSAGE", "DISC_ID", "GENRE",
    "TOC_INFO1", "TOC_INFO2", "RESERVED1",  "RESERVED2", "RESERVED3", "CLOSED",  "UPC_EAN", "SIZE_INFO",
};

const char *tocex_cdtext_field_name(tocex_cdtext_field field)
{
    if ((unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT)
        return NULL;
    return field_names[field];
}

const char *tocex_cdtext_field_name_for(tocex_cdtext_field field, unsigned track)
{
    /* 8Eh holds the UPC/EAN for the disc (ID2 0) and the ISRC for tracks (Sony). */
    if (field == TOCEX_CDTEXT_UPC_ISRC && track != 0)
        return "ISRC";
    return tocex_cdtext_field_name(field);
}

const char *tocex_cdtext_charset_name(uint8_t charset)
{
    switch (charset) {
    case TOCEX_CDTEXT_CHARSET_ISO8859_1:
        return "ISO-8859-1";
    case TOCEX_CDTEXT_CHARSET_ASCII:
        return "ASCII";
    case TOCEX_CDTEXT_CHARSET_MS_JIS:
        return "MS-JIS";
    case TOCEX_CDTEXT_CHARSET_KOREAN:
        return "KOREAN";
    case TOCEX_CDTEXT_CHARSET_MANDARIN:
        return "MANDARIN";
    default:
        return NULL;
    }
}

bool tocex_cdtext_charset_is_dbcc(uint8_t charset)
{
    return charset == TOCEX_CDTEXT_CHARSET_MS_JIS || charset == TOCEX_CDTEXT_CHARSET_KOREAN ||
           charset == TOCEX_CDTEXT_CHARSET_MANDARIN;
}

static const char *const genres[0x1C] = {
    "Not Used",       "Not Defined",   "Adult Contemporary", "Alternative Rock", "Childrens",
    "Classical",      "Contemporary Christian", "Country",   "Dance",            "Easy Listening",
    "Erotic",         "Folk",          "Gospel",             "Hip Hop",          "Jazz",
    "Latin",          "Musical",       "New Age",            "Opera",            "Operetta",
    "Pop",            "Rap",           "Reggae",             "Rock",             "Rhythm & Blues",
    "Sound Effects",  "Spoken Word",   "World Music",
};

const char *tocex_cdtext_genre_name(uint16_t code)
{
    if (code < 0x1C)
        return genres[code];
    return NULL;
}

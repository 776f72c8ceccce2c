#include <strings.h>

#include "tocex/disc.h"

static const struct {
    tocex_media media;
    uint16_t profile;
    const char *name;
} media_table[] = {
    {TOCEX_MEDIA_NONE, 0x0000, "none"},
    {TOCEX_MEDIA_CD_ROM, 0x0008, "CD-ROM"},
    {TOCEX_MEDIA_CD_R, 0x0009, "CD-R"},
    {TOCEX_MEDIA_CD_RW, 0x000A, "CD-RW"},
    {TOCEX_MEDIA_DVD_ROM, 0x0010, "DVD-ROM"},
    {TOCEX_MEDIA_DVD_R, 0x0011, "DVD-R"},
    {TOCEX_MEDIA_DVD_RAM, 0x0012, "DVD-RAM"},
    {TOCEX_MEDIA_DVD_RW, 0x0014, "DVD-RW"},
    {TOCEX_MEDIA_DVD_PLUS_RW, 0x001A, "DVD+RW"},
    {TOCEX_MEDIA_DVD_PLUS_R, 0x001B, "DVD+R"},
    {TOCEX_MEDIA_DVD_PLUS_R_DL, 0x002B, "DVD+R DL"},
    {TOCEX_MEDIA_BD_ROM, 0x0040, "BD-ROM"},
    {TOCEX_MEDIA_BD_R, 0x0041, "BD-R"},
    {TOCEX_MEDIA_BD_RE, 0x0043, "BD-RE"},
    {TOCEX_MEDIA_UNKNOWN, 0xFFFF, "unknown"},
};

#define MEDIA_ROWS (sizeof media_table / sizeof media_table[0])

const char *tocex_media_name(tocex_media media)
{
    for (size_t i = 0; i < MEDIA_ROWS; i++)
        if (media_table[i].media == media)
            return media_table[i].name;
    return "unknown";
}

uint16_t tocex_media_profile(tocex_media media)
{
    for (size_t i = 0; i < MEDIA_ROWS; i++)
        if (media_table[i].media == media)
            return media_table[i].profile;
    return 0xFFFF;
}

tocex_media tocex_media_from_profile(uint16_t profile)
{
    if (profile == 0x0042) /* BD-R random recording */
        return TOCEX_MEDIA_BD_R;
    if (profile == 0x0013) /* DVD-RW restricted overwrite */
        return TOCEX_MEDIA_DVD_RW;
    if (profile == 0x0015 || profile == 0x0016) /* DVD-R DL */
        return TOCEX_MEDIA_DVD_R;
    for (size_t i = 0; i < MEDIA_ROWS; i++)
        if (media_table[i].profile == profile && media_table[i].media != TOCEX_MEDIA_UNKNOWN)
            return media_table[i].media;
    return TOCEX_MEDIA_UNKNOWN;
}

tocex_media tocex_media_from_name(const char *name)
{
    if (name == NULL)
        return TOCEX_MEDIA_UNKNOWN;
    for (size_t i = 0; i < MEDIA_ROWS; i++)
        if (strcasecmp(media_table[i].name, name) == 0)
            return media_table[i].media;
    return TOCEX_MEDIA_UNKNOWN;
}

bool tocex_media_is_cd(tocex_media media)
{
    return media == TOCEX_MEDIA_CD_ROM || media == TOCEX_MEDIA_CD_R || media == TOCEX_MEDIA_CD_RW;
}

bool tocex_media_is_recordable_cd(tocex_media media)
{
    return media == TOCEX_MEDIA_CD_R || media == TOCEX_MEDIA_CD_RW;
}

static const char *const mode_names[TOCEX_MODE_COUNT] = {
    [TOCEX_MODE_UNKNOWN] = "unknown",         [TOCEX_MODE_AUDIO] = "audio",
    [TOCEX_MODE_MODE1] = "mode1",             [TOCEX_MODE_MODE2] = "mode2",
    [TOCEX_MODE_MODE2_FORM1] = "mode2-form1", [TOCEX_MODE_MODE2_FORM2] = "mode2-form2",
    [TOCEX_MODE_MODE2_MIXED] = "mode2-mixed", [TOCEX_MODE_CDI] = "cdi",
};

const char *tocex_track_mode_name(tocex_track_mode mode)
{
    if ((unsigned)mode < TOCEX_MODE_COUNT)
        return mode_names[mode];
    return "unknown";
}

bool tocex_track_mode_is_data(tocex_track_mode mode)
{
    return mode != TOCEX_MODE_AUDIO && mode != TOCEX_MODE_UNKNOWN && (unsigned)mode < TOCEX_MODE_COUNT;
}

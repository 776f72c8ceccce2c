#include <stdlib.h>

#include "discs.h"
#include "testutil.h"

tocex_disc *tu_herong_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    uint8_t atip[24] = {0x80, 0x00, 0x00, 0x00, 97, 34, 21, 0x00, 74, 43, 0, 0};
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_CD_R;
    d->appendable = true;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE2_FORM1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 118715, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE2_FORM1, 130115, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 135210, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_atip(d, atip, sizeof atip, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

tocex_disc *tu_small_disc(tocex_media media)
{
    tocex_disc *d = malloc(sizeof *d);
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = media;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 15000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 3, 1, 4, TOCEX_MODE_MODE1, 30000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 45000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

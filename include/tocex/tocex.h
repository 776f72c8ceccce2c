/* tocex — umbrella header. */
#ifndef TOCEX_TOCEX_H
#define TOCEX_TOCEX_H

#include "tocex/addr.h"
#include "tocex/atip.h"
#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/decode.h"
#include "tocex/device.h"
#include "tocex/disc.h"
#include "tocex/discid.h"
#include "tocex/emu.h"
#include "tocex/export.h"
#include "tocex/image.h"
#include "tocex/mmc.h"
#include "tocex/read.h"
#include "tocex/sgio.h"
#include "tocex/source.h"
#include "tocex/status.h"
#include "tocex/win.h"

#endif

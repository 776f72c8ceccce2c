/* tocex — umbrella header. */
#ifndef TOCEX_TOCEX_H
#define TOCEX_TOCEX_H

#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/device.h"
#include "tocex/disc.h"
#include "tocex/emu.h"
#include "tocex/image.h"
#include "tocex/mmc.h"
#include "tocex/read.h"
#include "tocex/source.h"
#include "tocex/status.h"

#endif

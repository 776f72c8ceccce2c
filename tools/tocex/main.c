/* tocex program: argument parsing and dispatch.
 * tocex [GLOBAL OPTIONS] [COMMAND] [OPTIONS] SOURCE — options may appear anywhere (docs/CLI.md). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"info", cmd_info, 0, true, "info SOURCE",
     "everything the source can tell: media, sessions, tracks, CD-TEXT, ATIP, disc IDs (default command)",
     "Reads the disc the way a drive is read (formatted TOC, session info, full TOC, PMA, ATIP,\n"
     "CD-TEXT) and prints the media, the sessions with their lead-outs, a track table (number,\n"
     "session, start LBA and MSF, length, type, mode, flags, ISRC), the MCN, CD-TEXT per block,\n"
     "the decoded ATIP, the disc IDs and what the source could not tell.\n"
     "--hex/--raw give the formatted TOC answer (READ TOC format 0).\n"},
    {"toc", cmd_toc, CLI_OPT_MSF | CLI_OPT_TRACK, true, "toc [--msf] [--track N] SOURCE",
     "READ TOC format 0: the formatted TOC, laid out like cdrecord -toc",
     "  --msf        ask for MSF addresses (CDB byte 1 bit 1)\n"
     "  --track N    start with track N (0..99, or 170/0xAA for the lead-out only)\n"
     "--hex/--raw give the answer bytes exactly as transferred.\n"},
    {"session", cmd_session, CLI_OPT_MSF, true, "session [--msf] SOURCE",
     "READ TOC format 1: first/last session and the first track of the last session",
     "  --msf        ask for an MSF address\n"},
    {"fulltoc", cmd_fulltoc, CLI_OPT_SESSION, true, "fulltoc [--session N] SOURCE",
     "READ TOC format 2: the full TOC (every Q-channel lead-in entry)",
     "  --session N  start with session N (default 1)\n"},
    {"pma", cmd_pma, 0, true, "pma SOURCE", "READ TOC format 3: the PMA of a recordable disc",
     "Exit status 4 when the disc has no PMA.\n"},
    {"atip", cmd_atip, 0, true, "atip SOURCE", "READ TOC format 4: the ATIP of a CD-R/RW, decoded",
     "Exit status 4 when the disc has no ATIP (pressed discs).\n"},
    {"cdtext", cmd_cdtext, 0, true, "cdtext SOURCE", "READ TOC format 5: CD-TEXT packs, decoded to UTF-8",
     "Exit status 4 when the disc has no CD-TEXT.\n"},
    {"discid", cmd_discid, CLI_OPT_URL, true, "discid [--url] SOURCE",
     "MusicBrainz, freedb/CDDB, AccurateRip and CTDB disc IDs, each with the rule it followed",
     "  --url        print only the MusicBrainz lookup URL\n"
     "Enhanced CDs (data session last): MusicBrainz and CTDB end the audio at the data track's\n"
     "start - 11400 frames; freedb and AccurateRip use the disc's real lead-out.\n"},
    {"cdb", cmd_cdb, 0, true, "cdb SOURCE HH HH ...",
     "send one raw CDB (hex bytes) to the source's device",
     "The allocation length comes from the CDB itself. The result is printed whatever the\n"
     "outcome; exit status 0 for GOOD, 3 otherwise.\n"
     "  tocex cdb --json disc.cue 43 02 00 00 00 00 01 03 24 00\n"},
    {"ioctl", cmd_ioctl, CLI_OPT_CODE | CLI_OPT_IN | CLI_OPT_OUT_LEN, true,
     "ioctl --code NAME [--in HEX] [--out-len N] SOURCE",
     "run a Windows CD-ROM IOCTL against the source with cdrom.sys semantics",
     "  --code NAME  READ_TOC_EX, READ_TOC or GET_LAST_SESSION (or a number)\n"
     "  --in HEX     input buffer bytes (READ_TOC_EX: the CDROM_READ_TOC_EX structure)\n"
     "  --out-len N  output buffer length (default 804)\n"
     "Exit status 0 for STATUS_SUCCESS, 3 otherwise.\n"},
    {"cue", cmd_cue, 0, true, "cue SOURCE", "write a cue sheet describing the disc to stdout", ""},
    {"ccd", cmd_ccd, 0, true, "ccd SOURCE", "write a CloneCD control file describing the disc to stdout", ""},
    {"cdt", cmd_cdt, 0, true, "cdt SOURCE", "write the disc's CD-TEXT as a .cdt file to stdout",
     "Writes the 18-byte CD-TEXT packs exactly as the disc holds them (CRCs included) followed by\n"
     "one 00h byte, the form CDRWIN writes and cdrecord textfile= and libcdio read.\n"
     "--hex prints the same bytes as hex; --json gives them as a hex string (\"data\").\n"
     "Exit status 4 when the disc has no CD-TEXT.\n"},
    {"drives", cmd_drives, 0, false, "drives", "list the optical drives of this machine",
     "Device, vendor, model, firmware revision and the current media of each drive.\n"},
};

const cli_command *cli_commands(size_t *count)
{
    *count = sizeof commands / sizeof commands[0];
    return commands;
}

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static bool parse_uint(const char *text, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;
    if (text == NULL || *text == '\0' || *text == '-' || *text == '+')
        return false;
    errno = 0;
    v = strtoul(text, &end, 0);
    if (errno != 0 || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

static const char *option_name(unsigned bit)
{
    switch (bit) {
    case CLI_OPT_MSF: return "--msf";
    case CLI_OPT_TRACK: return "--track";
    case CLI_OPT_SESSION: return "--session";
    case CLI_OPT_URL: return "--url";
    case CLI_OPT_CODE: return "--code";
    case CLI_OPT_IN: return "--in";
    default: return "--out-len";
    }
}

static int usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "tocex: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'tocex --help'.\n");
    return CLI_EXIT_USAGE;
}

static void list_quirks(void)
{
    fprintf(stderr, "known quirks:");
    for (unsigned b = 0; b < 32; b++) {
        const char *name = tocex_emu_quirk_name(1u << b);
        if (name != NULL)
            fprintf(stderr, " %s", name);
    }
    fprintf(stderr, "\n");
}

static int set_output(cli_args *args, cli_output out, const char *flag)
{
    if (args->output != CLI_OUT_TEXT && args->output != out)
        return usage_error("%s: choose one of --json, --hex, --raw", flag);
    args->output = out;
    return CLI_EXIT_OK;
}

static int parse_and_run(int argc, char **argv, char **positional)
{
    cli_args args;
    size_t npos = 0;
    bool help = false, version = false, no_more_options = false, explicit_command = false;
    int rc;

    memset(&args, 0, sizeof args);
    args.session = 1;
    args.out_len = 804; /* sizeof(CDROM_TOC): 4 + 100 x 8 */

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char name[32];
        const char *value = NULL, *eq;
        unsigned long v;
        size_t nlen;

        if (no_more_options || a[0] != '-' || a[1] == '\0') {
            positional[npos++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            no_more_options = true;
            continue;
        }
        if (strcmp(a, "-h") == 0) {
            help = true;
            continue;
        }
        if (a[1] != '-') {
            return usage_error("unknown option %s", a);
        }
        eq = strchr(a, '=');
        nlen = eq != NULL ? (size_t)(eq - a) : strlen(a);
        if (nlen >= sizeof name) {
            return usage_error("unknown option %s", a);
        }
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        if (eq != NULL)
            value = eq + 1;

#define FLAG(opt) (strcmp(name, opt) == 0 && eq == NULL)
#define TAKES(opt) (strcmp(name, opt) == 0)
        if (FLAG("--help"))
            help = true;
        else if (FLAG("--version"))
            version = true;
        else if (FLAG("--json") || FLAG("--hex") || FLAG("--raw")) {
            cli_output o = name[2] == 'j' ? CLI_OUT_JSON : name[2] == 'h' ? CLI_OUT_HEX : CLI_OUT_RAW;
            if ((rc = set_output(&args, o, name)) != CLI_EXIT_OK) {
                return rc;
            }
        } else if (FLAG("--exclusive"))
            args.source_opts.exclusive = true;
        else if (FLAG("--skip-cdtext"))
            args.skip_cdtext = true;
        else if (FLAG("--msf")) {
            args.msf = true;
            args.used_options |= CLI_OPT_MSF;
        } else if (FLAG("--url")) {
            args.url = true;
            args.used_options |= CLI_OPT_URL;
        } else if (TAKES("--from-toc") || TAKES("--data-track") || TAKES("--quirk") || TAKES("--track") ||
                   TAKES("--session") || TAKES("--code") || TAKES("--in") || TAKES("--out-len")) {
            if (value == NULL) {
                if (i + 1 >= argc) {
                    return usage_error("%s needs a value", name);
                }
                value = argv[++i];
            }
            if (strcmp(name, "--from-toc") == 0)
                args.source_opts.from_toc = value;
            else if (strcmp(name, "--data-track") == 0) {
                if (!parse_uint(value, 99, &v) || v == 0) {
                    return usage_error("--data-track %s: need a track number 1..99", value);
                }
                if (args.source_opts.data_track_count < 99)
                    args.source_opts.data_tracks[args.source_opts.data_track_count++] = (unsigned)v;
            } else if (strcmp(name, "--quirk") == 0) {
                uint32_t q = tocex_emu_quirk_from_name(value);
                if (q == 0) {
                    list_quirks();
                    return usage_error("--quirk %s: unknown quirk", value);
                }
                args.source_opts.emu.quirks |= q;
            } else if (strcmp(name, "--track") == 0) {
                if (!parse_uint(value, 0xAA, &v) || (v > 99 && v != 0xAA)) {
                    return usage_error("--track %s: need 0..99 or 170 (0xAA, the lead-out)", value);
                }
                args.track = (unsigned)v;
                args.used_options |= CLI_OPT_TRACK;
            } else if (strcmp(name, "--session") == 0) {
                if (!parse_uint(value, 99, &v)) {
                    return usage_error("--session %s: need a session number 0..99", value);
                }
                args.session = (unsigned)v;
                args.used_options |= CLI_OPT_SESSION;
            } else if (strcmp(name, "--code") == 0) {
                args.ioctl_code = value;
                args.used_options |= CLI_OPT_CODE;
            } else if (strcmp(name, "--in") == 0) {
                args.ioctl_in = value;
                args.used_options |= CLI_OPT_IN;
            } else {
                if (!parse_uint(value, 16u * 1024u * 1024u, &v)) {
                    return usage_error("--out-len %s: need a byte count up to 16 MiB", value);
                }
                args.out_len = v;
                args.used_options |= CLI_OPT_OUT_LEN;
            }
        } else {
            return usage_error("unknown option %s", a);
        }
#undef FLAG
#undef TAKES
    }

    if (version) {
        cli_printf(CLI_STDOUT, "tocex %s\n", tocex_version());
        return CLI_EXIT_OK;
    }
    if (npos > 0 && cli_find_command(positional[0]) != NULL) {
        args.command = cli_find_command(positional[0]);
        memmove(positional, positional + 1, (npos - 1) * sizeof *positional);
        npos--;
        explicit_command = true;
    } else
        args.command = cli_find_command("info");
    if (help) {
        if (!explicit_command)
            cli_print_usage(CLI_STDOUT);
        else
            cli_print_command_help(CLI_STDOUT, args.command);
        return CLI_EXIT_OK;
    }

    for (unsigned bit = 1; bit <= CLI_OPT_OUT_LEN; bit <<= 1)
        if ((args.used_options & bit) != 0 && (args.command->options & bit) == 0) {
            fprintf(stderr, "tocex: %s is not an option of '%s'\n", option_name(bit), args.command->name);
            fprintf(stderr, "Try 'tocex %s --help'.\n", args.command->name);
            return CLI_EXIT_USAGE;
        }
    if (args.source_opts.data_track_count > 0 && args.source_opts.from_toc == NULL) {
        return usage_error("%s only goes with --from-toc", "--data-track");
    }

    if (!args.command->needs_source) {
        if (npos > 0) {
            return usage_error("unexpected argument '%s'", positional[0]);
        }
    } else if (args.source_opts.from_toc != NULL) {
        /* The TOC string is the source; everything positional is an operand (cdb bytes). */
        if (npos > 0 && strcmp(args.command->name, "cdb") != 0) {
            return usage_error("unexpected argument '%s' (the source is --from-toc)", positional[0]);
        }
        args.operands = positional;
        args.operand_count = npos;
    } else {
        if (npos == 0) {
            fprintf(stderr, "tocex: %s: no SOURCE given (a drive, an image file, or --from-toc)\n",
                    args.command->name);
            fprintf(stderr, "usage: tocex [GLOBAL OPTIONS] %s\n", args.command->synopsis);
            return CLI_EXIT_USAGE;
        }
        args.source = positional[0];
        args.operands = positional + 1;
        args.operand_count = npos - 1;
        if (args.operand_count > 0 && strcmp(args.command->name, "cdb") != 0) {
            return usage_error("unexpected argument '%s' (one SOURCE per command)", args.operands[0]);
        }
    }
    if (strcmp(args.command->name, "ioctl") == 0 && args.ioctl_code == NULL) {
        return usage_error("%s: --code is required (READ_TOC_EX, READ_TOC, GET_LAST_SESSION)", "ioctl");
    }

    rc = args.command->run(&args);
    if ((cli_out_finish(CLI_STDOUT) != 0 || fflush(stdout) != 0) && rc == CLI_EXIT_OK) {
        cli_error("cannot write to standard output");
        rc = CLI_EXIT_SOURCE;
    }
    return rc;
}

int main(int argc, char **argv)
{
    char **positional = calloc((size_t)argc + 1, sizeof *positional);
    int rc;
    if (positional == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    rc = parse_and_run(argc, argv, positional);
    /* --help and --version return before the checked flush; stdio flushes at exit as before */
    cli_out_finish(CLI_STDOUT);
    free(positional);
    return rc;
}

/* tocex program: shared declarations of the command-line front end (docs/CLI.md is the contract). */
#ifndef TOCEX_CLI_H
#define TOCEX_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "out.h"

#include "tocex/atip.h"
#include "tocex/decode.h"
#include "tocex/discid.h"
#include "tocex/tocex.h"

/* Exit status (contract). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_USAGE = 1,
    CLI_EXIT_SOURCE = 2, /**< the source could not be opened or parsed */
    CLI_EXIT_DEVICE = 3, /**< CHECK CONDITION or device failure */
    CLI_EXIT_ABSENT = 4, /**< the requested data is not on this disc */
};

typedef enum cli_output { CLI_OUT_TEXT = 0, CLI_OUT_JSON, CLI_OUT_HEX, CLI_OUT_RAW } cli_output;

/* Command-specific options, as bits of cli_command.options. */
enum {
    CLI_OPT_MSF = 1u << 0,
    CLI_OPT_TRACK = 1u << 1,
    CLI_OPT_SESSION = 1u << 2,
    CLI_OPT_URL = 1u << 3,
    CLI_OPT_CODE = 1u << 4,
    CLI_OPT_IN = 1u << 5,
    CLI_OPT_OUT_LEN = 1u << 6,
};

/** Everything the command line said. */
typedef struct cli_args {
    const struct cli_command *command;
    cli_output output;
    const char *source;
    tocex_source_options source_opts;
    bool skip_cdtext;
    unsigned used_options; /**< CLI_OPT_* given */
    bool msf;
    unsigned track;
    unsigned session;
    bool url;
    const char *ioctl_code;
    const char *ioctl_in;
    unsigned long out_len;
    char **operands; /**< positional arguments after SOURCE (cdb bytes) */
    size_t operand_count;
} cli_args;

typedef struct cli_command {
    const char *name;
    int (*run)(const cli_args *args);
    unsigned options;     /**< CLI_OPT_* accepted */
    bool needs_source;    /**< false: drives */
    const char *synopsis; /**< "toc [--msf] [--track N] SOURCE" */
    const char *summary;
    const char *details;  /**< command --help body */
} cli_command;

/* main.c / help.c */
const cli_command *cli_find_command(const char *name);
const cli_command *cli_commands(size_t *count);
void cli_print_usage(cli_out *out);
void cli_print_command_help(cli_out *out, const cli_command *cmd);

/* common.c: errors, opening and reading, byte output. */
/** "tocex: MESSAGE" on stderr, after handing the buffered standard output to stdout. */
void cli_error(const char *fmt, ...) CLI_PRINTF_LIKE(1, 2);
/** Exit status for a library status met while opening/parsing (2), on the device (3), or absent (4). */
int cli_exit_for(tocex_status st, bool opening);
/** Open the source of the command line; prints the error and returns the exit status. */
int cli_open(const cli_args *args, tocex_device **dev);
/** Read the whole disc (tocex_read_disc) from an open device; prints errors; returns exit status. */
int cli_read_disc(const cli_args *args, tocex_device *dev, tocex_disc *disc, tocex_read_report *report);
/** One READ TOC/PMA/ATIP answer in full. CHECK CONDITION: *checked = true, sense set, exit 3. */
int cli_read_answer(tocex_device *dev, unsigned format, bool msf, uint8_t track_session, tocex_buf *out,
                    tocex_sense *sense, bool *checked);
/** "05/24/00 ILLEGAL REQUEST, INVALID FIELD IN CDB" into buf. */
const char *cli_sense_text(tocex_sense sense, char *buf, size_t size);
/** True for the sense codes drives give when a format's data does not exist on the medium. */
bool cli_sense_means_absent(tocex_sense sense);
/** Bytes as lowercase hex, 16 per line separated by spaces ("--hex"). */
void cli_print_hex(cli_out *out, const uint8_t *data, size_t len);
/** Bytes to stdout unchanged ("--raw"); returns exit status. */
int cli_write_raw(const uint8_t *data, size_t len);
/** --hex / --raw of response bytes; returns exit status. */
int cli_emit_bytes(const cli_args *args, const uint8_t *data, size_t len);
/** malloc'd lowercase hex without spaces ("" for len 0); NULL when out of memory. */
char *cli_hex_string(const uint8_t *data, size_t len);
/** Print one JSON object to stdout (steals the reference); returns exit status. */
int cli_json_emit(json_t *obj);
/** Fill what READ TOC cannot carry (modes, pregaps, ISRC, MCN) from the model of an emulated
 *  device's source when both list the same tracks. */
void cli_enrich(tocex_disc *read, const tocex_disc *model);
/** cdb/ioctl --json when the source did not open: a status object on stdout; returns rc. */
int cli_json_open_failure(const cli_args *args, int rc);
/** The disc model a source describes (emulated devices), else NULL. */
const tocex_disc *cli_source_model(tocex_device *dev);

/* output_json.c */
json_t *cli_json_disc(const tocex_disc *disc);
json_t *cli_json_tracks(const tocex_disc *disc);
json_t *cli_json_sessions(const tocex_disc *disc);
json_t *cli_json_discid(const tocex_discid *ids);
json_t *cli_json_cdtext(const tocex_cdtext *ct);
json_t *cli_json_atip(const tocex_atip_info *info);
json_t *cli_json_sense(tocex_sense sense);
json_t *cli_json_toc_entries(const tocex_toc_entry *entries, size_t count, bool pma);
json_t *cli_json_unknown(const tocex_disc *model, const tocex_disc *read);
/** LBA as absolute "MM:SS:FF" string (json_string, "--:--:--" when out of range). */
json_t *cli_json_msf(int32_t lba);

/* output_text.c */
const char *cli_track_type(const tocex_track *t);
/** Name of an A0 disc type (PSEC): "CD-DA or CD-ROM", "CD-I", "CD-ROM XA". */
const char *cli_disc_type_name(uint8_t type);
void cli_text_sessions(cli_out *out, const tocex_disc *disc);
void cli_text_tracks(cli_out *out, const tocex_disc *disc);
void cli_text_cdtext(cli_out *out, const tocex_cdtext *ct, const char *indent);
void cli_text_atip(cli_out *out, const tocex_atip_info *info, const char *indent);
void cli_text_discid(cli_out *out, const tocex_discid *ids, const char *indent);
void cli_text_unknown(cli_out *out, const tocex_disc *model, const tocex_disc *read, const char *indent);
void cli_text_toc_entries(cli_out *out, const tocex_toc_entry *entries, size_t count, bool pma);
/** The formatted TOC (READ TOC format 0) laid out like cdrecord -toc; the modes come from disc. */
void cli_text_toc(cli_out *out, const tocex_toc_view *view, const tocex_disc *disc);
/** What one full-TOC (or PMA) descriptor says, in words. */
const char *cli_toc_entry_meaning(const tocex_toc_entry *e, bool pma, char *buf, size_t size);
/** Names of the tocex_disc.known bits a model lacks, for "what the source could not tell". */
const char *cli_known_phrase(uint32_t bit);
const char *cli_known_key(uint32_t bit);
/** Frames as "MM:SS:FF" (relative length, no offset). */
char *cli_frames_msf(int32_t frames, char *buf, size_t size);

/* Commands (cmd_*.c). */
int cmd_info(const cli_args *args);
int cmd_toc(const cli_args *args);
int cmd_session(const cli_args *args);
int cmd_fulltoc(const cli_args *args);
int cmd_pma(const cli_args *args);
int cmd_atip(const cli_args *args);
int cmd_cdtext(const cli_args *args);
int cmd_discid(const cli_args *args);
int cmd_cdb(const cli_args *args);
int cmd_ioctl(const cli_args *args);
int cmd_cue(const cli_args *args);
int cmd_ccd(const cli_args *args);
int cmd_cdt(const cli_args *args);
int cmd_drives(const cli_args *args);

/* Seams to modules that may be absent from a build (one function each). */
/** Windows IOCTL on a device; TOCEX_E_UNSUPPORTED when this build has no Windows layer. */
tocex_status cli_ioctl_call(tocex_device *dev, uint32_t code, const uint8_t *in, uint32_t in_len, uint8_t *out,
                            uint32_t out_len, uint32_t *information, int32_t *ntstatus);
/** Parse an IOCTL name/number; 0 if unknown. */
uint32_t cli_ioctl_code(const char *name);
/** NTSTATUS name ("STATUS_SUCCESS"), NULL when unnamed. */
const char *cli_ntstatus_name(int32_t status);
/** Export a disc as a cue sheet ("cue"), CloneCD control file ("ccd") or .cdt CD-TEXT file ("cdt")
 *  into `out`. */
tocex_status cli_export(const char *kind, const tocex_disc *disc, const char *source_name, tocex_buf *out,
                        tocex_error *err);

#endif

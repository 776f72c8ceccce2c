/* tocex program: --help texts. */
#include "cli.h"

void cli_print_usage(cli_out *out)
{
    size_t n;
    const cli_command *cmds = cli_commands(&n);
    cli_puts(out, "usage: tocex [GLOBAL OPTIONS] [COMMAND] [OPTIONS] SOURCE\n\n"
                  "Read a CD/DVD/BD table of contents exactly as a drive answers READ TOC/PMA/ATIP,\n"
                  "from a drive (/dev/sr0), a disc image or description (.cue .ccd .toc .nrg .mds .iso,\n"
                  "raw READ TOC dumps, .cdt), a ripper's log, or a TOC given as numbers.\n\n"
                  "Commands:\n");
    for (size_t i = 0; i < n; i++)
        cli_printf(out, "  %-8s %s\n", cmds[i].name, cmds[i].summary);
    cli_puts(out,
             "\nOutput (every command):\n"
             "  --json             one JSON object on stdout\n"
             "  --hex              the response bytes as hex\n"
             "  --raw              the response bytes, binary, to stdout\n"
             "\nGlobal options:\n"
             "  --from-toc STRING  the source is a TOC \"FIRST LAST LEADOUT OFFSET...\" (LBA+150,\n"
             "                     MusicBrainz convention)\n"
             "  --data-track N     with --from-toc: track N is a data track (repeatable)\n"
             "  --exclusive        open a drive exclusively (O_EXCL)\n"
             "  --quirk NAME       make the emulated drive behave like a known drive (repeatable)\n"
             "  --skip-cdtext      do not ask for CD-TEXT (drives that hang on it)\n"
             "  --help, -h         this text; COMMAND --help for a command\n"
             "  --version          print the version\n"
             "\nExit status: 0 success, 1 usage error, 2 the source could not be opened or parsed,\n"
             "3 the device answered CHECK CONDITION or failed, 4 the data is not on this disc.\n");
}

void cli_print_command_help(cli_out *out, const cli_command *cmd)
{
    cli_printf(out, "usage: tocex [GLOBAL OPTIONS] %s\n\n%s.\n\n", cmd->synopsis, cmd->summary);
    if (cmd->details != NULL && cmd->details[0] != '\0')
        cli_printf(out, "%s\n", cmd->details);
    cli_puts(out, "Output: --json, --hex (response bytes as hex), --raw (response bytes, binary).\n"
                  "Global options: --from-toc STRING, --data-track N, --exclusive, --quirk NAME,\n"
                  "--skip-cdtext. See tocex --help and tocex(1).\n");
}

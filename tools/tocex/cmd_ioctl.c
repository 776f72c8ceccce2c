/* tocex ioctl: a Windows CD-ROM IOCTL against the source, with cdrom.sys semantics. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hexarg.h"

#define IOCTL_IN_MAX 4096

int cmd_ioctl(const cli_args *args)
{
    uint8_t in[IOCTL_IN_MAX];
    size_t in_len = 0;
    uint8_t *out;
    uint32_t code, information = 0;
    int32_t ntstatus = 0;
    tocex_device *dev;
    tocex_status st;
    const char *name;
    char ntbuf[16], *hex;
    size_t data_len;
    bool failed;
    int rc;

    code = cli_ioctl_code(args->ioctl_code);
    if (code == 0) {
        fprintf(stderr, "tocex: ioctl: --code %s: not an IOCTL (READ_TOC_EX, READ_TOC, GET_LAST_SESSION or a "
                        "number)\n", args->ioctl_code);
        return CLI_EXIT_USAGE;
    }
    if (args->ioctl_in != NULL && !cli_hex_parse(args->ioctl_in, in, sizeof in, &in_len)) {
        fprintf(stderr, "tocex: ioctl: --in %s: not hex bytes (at most %d)\n", args->ioctl_in, IOCTL_IN_MAX);
        return CLI_EXIT_USAGE;
    }
    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return cli_json_open_failure(args, rc);
    out = calloc(1, args->out_len > 0 ? args->out_len : 1);
    if (out == NULL) {
        tocex_device_close(dev);
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    st = cli_ioctl_call(dev, code, in_len > 0 ? in : NULL, (uint32_t)in_len, args->out_len > 0 ? out : NULL,
                        (uint32_t)args->out_len, &information, &ntstatus);
    if (st != TOCEX_OK) {
        if (args->output == CLI_OUT_JSON) {
            json_t *o = json_object();
            json_object_set_new(o, "status", json_string("NOT AVAILABLE"));
            json_object_set_new(o, "ntstatus", json_null());
            json_object_set_new(o, "information", json_integer(0));
            json_object_set_new(o, "data", json_string(""));
            cli_json_emit(o);
        }
        cli_error("ioctl: not available in this build");
        free(out);
        tocex_device_close(dev);
        return CLI_EXIT_DEVICE;
    }
    /* NTSTATUS severity 3 (error): the output buffer holds nothing the caller may use. */
    failed = ((uint32_t)ntstatus >> 30) == 3;
    data_len = failed ? 0 : (information < args->out_len ? information : args->out_len);
    name = cli_ntstatus_name(ntstatus);
    cli_snformat(ntbuf, sizeof ntbuf, "0x%08X", (unsigned)(uint32_t)ntstatus);
    rc = ntstatus == 0 ? CLI_EXIT_OK : CLI_EXIT_DEVICE;
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        hex = cli_hex_string(out, data_len);
        json_object_set_new(o, "status", json_string(name != NULL ? name : ntbuf));
        json_object_set_new(o, "ntstatus", json_string(ntbuf));
        json_object_set_new(o, "information", json_integer(information));
        json_object_set_new(o, "data", json_string(hex != NULL ? hex : ""));
        free(hex);
        if (cli_json_emit(o) != CLI_EXIT_OK)
            rc = CLI_EXIT_SOURCE;
    } else if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        if (cli_emit_bytes(args, out, data_len) != CLI_EXIT_OK)
            rc = CLI_EXIT_SOURCE;
        if (ntstatus != 0)
            cli_error("ioctl: %s (%s)", name != NULL ? name : "NTSTATUS", ntbuf);
    } else {
        cli_printf(CLI_STDOUT, "%s: %s (%s), information %u\n", args->ioctl_code, name != NULL ? name : "NTSTATUS",
                   ntbuf, (unsigned)information);
        cli_print_hex(CLI_STDOUT, out, data_len);
    }
    free(out);
    tocex_device_close(dev);
    return rc;
}

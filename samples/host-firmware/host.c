/* host-firmware: runs JavaScript that ipm bundled into C, on Duktape, with no file system.
 *
 * Every module comes from the generated table (ipm_modules.h); this program never opens a file. It adds
 * CommonJS on top of ipm_resolve(): Node's module wrapper, a require() per module bound to its folder, a
 * module cache keyed by file index (so cycles see partial exports, as in Node), JSON modules, and
 * require.resolve. Usage: host-firmware [REQUEST...]; see README.md. */
#include <stdio.h>
#include <string.h>

#include <duktape.h>

#include "ipm_modules.h"

#define HOST_FROM DUK_HIDDEN_SYMBOL("ipmFrom")

/* Node's module wrapper. The closing part starts on a new line so a trailing // comment cannot eat it, and
 * the opening part adds no line, so Duktape's line numbers match the source's. */
static const char wrap_head[] = "function (exports, require, module, __filename, __dirname) {";
static const char wrap_tail[] = "\n}";

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* console.log / print: arguments converted with String(), joined by spaces, one line. */
static duk_ret_t write_line(duk_context *ctx, FILE *out)
{
    duk_idx_t n = duk_get_top(ctx);
    duk_idx_t i;
    for (i = 0; i < n; i++) {
        duk_size_t len;
        const char *s = duk_safe_to_lstring(ctx, i, &len);
        if (i > 0) {
            fputc(' ', out);
        }
        fwrite(s, 1, len, out);
    }
    fputc('\n', out);
    return 0;
}

static duk_ret_t host_print(duk_context *ctx)
{
    return write_line(ctx, stdout);
}

static duk_ret_t host_print_error(duk_context *ctx)
{
    fflush(stdout);
    return write_line(ctx, stderr);
}

static void load_module(duk_context *ctx, int index);

/* The file index a require/resolve function was made for (-1: the root folder), and its request. */
static int resolve_request(duk_context *ctx, const char **request)
{
    duk_size_t len;
    int from;
    int index;
    *request = duk_require_lstring(ctx, 0, &len);
    duk_push_current_function(ctx);
    duk_get_prop_string(ctx, -1, HOST_FROM);
    from = duk_get_int_default(ctx, -1, -1);
    duk_pop_2(ctx);
    /* A request with a NUL inside names no file; C would see only its first part. */
    index = strlen(*request) == len ? ipm_resolve_from(from, *request) : -1;
    if (index < 0) {
        char dir[IPM_PATH_MAX];
        if (from < 0 || ipm_dirname(from, dir, sizeof dir) == 0) {
            strcpy(dir, "/");
        }
        duk_push_error_object(ctx, DUK_ERR_ERROR, "Cannot find module '%s' from '%s'", *request, dir);
        duk_push_string(ctx, "MODULE_NOT_FOUND");
        duk_put_prop_string(ctx, -2, "code");
        (void)duk_throw(ctx);
    }
    return index;
}

static duk_ret_t host_require(duk_context *ctx)
{
    const char *request;
    load_module(ctx, resolve_request(ctx, &request));
    return 1;
}

static duk_ret_t host_require_resolve(duk_context *ctx)
{
    const char *request;
    duk_push_string(ctx, ipm_files[resolve_request(ctx, &request)].path);
    return 1;
}

/* Pushes a require function for code in file `from` (-1: the root), with .resolve and .main. */
static void push_require(duk_context *ctx, int from)
{
    duk_push_c_function(ctx, host_require, 1);
    duk_push_int(ctx, from);
    duk_put_prop_string(ctx, -2, HOST_FROM);
    duk_push_c_function(ctx, host_require_resolve, 1);
    duk_push_int(ctx, from);
    duk_put_prop_string(ctx, -2, HOST_FROM);
    duk_put_prop_string(ctx, -2, "resolve");
    duk_push_global_stash(ctx);
    if (duk_get_prop_string(ctx, -1, "main")) {
        duk_put_prop_string(ctx, -3, "main");
        duk_pop(ctx);
    } else {
        duk_pop_2(ctx);
    }
}

/* [ source ] -> [ value ], run under duk_safe_call so a parse error can be reported with its file. */
static duk_ret_t decode_json(duk_context *ctx, void *udata)
{
    (void)udata;
    duk_json_decode(ctx, -1);
    return 1;
}

/* [ module ] -> [ module ]: fills module.exports from file `index`. */
static void run_module(duk_context *ctx, int index)
{
    const ipm_file *f = &ipm_files[index];
    const char *data = (const char *)f->data;
    size_t size = f->size;
    char dir[IPM_PATH_MAX];
    /* Node drops a UTF-8 byte order mark before compiling or parsing. */
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    if (ends_with(f->path, ".json")) {
        duk_push_lstring(ctx, data, size);
        if (duk_safe_call(ctx, decode_json, NULL, 1, 1) != DUK_EXEC_SUCCESS) {
            duk_push_error_object(ctx, DUK_ERR_SYNTAX_ERROR, "%s: %s", f->path, duk_safe_to_string(ctx, -1));
            (void)duk_throw(ctx);
        }
        duk_put_prop_string(ctx, -2, "exports");
        return;
    }
    {
        /* The wrapper must surround the source, so the source is copied once into a scratch buffer that is
         * dropped as soon as it is compiled (Duktape keeps bytecode, not source). */
        size_t head = sizeof wrap_head - 1;
        size_t tail = sizeof wrap_tail - 1;
        char *buf = (char *)duk_push_fixed_buffer(ctx, head + size + tail);
        memcpy(buf, wrap_head, head);
        memcpy(buf + head, data, size);
        memcpy(buf + head + size, wrap_tail, tail);
        if (size >= 2 && data[0] == '#' && data[1] == '!') {
            buf[head] = '/'; /* a shebang line becomes a comment, as Node treats it */
            buf[head + 1] = '/';
        }
        duk_push_string(ctx, f->path);
        duk_compile_lstring_filename(ctx, DUK_COMPILE_FUNCTION, buf, head + size + tail);
        duk_remove(ctx, -2); /* the scratch buffer */
    }
    /* this = module.exports; arguments: exports, require, module, __filename, __dirname */
    duk_get_prop_string(ctx, -2, "exports");
    duk_dup(ctx, -1);
    push_require(ctx, index);
    duk_dup(ctx, -5);
    duk_push_string(ctx, f->path);
    if (ipm_dirname(index, dir, sizeof dir) == 0) {
        strcpy(dir, "/");
    }
    duk_push_string(ctx, dir);
    duk_call_method(ctx, 5);
    duk_pop(ctx);
}

/* [ module ] -> [ module ], errors returned rather than thrown so load_module can un-cache first. */
static duk_ret_t run_module_safe(duk_context *ctx, void *udata)
{
    run_module(ctx, *(const int *)udata);
    return 1;
}

/* [ ... ] -> [ ... exports ]: Node's Module._load for a resolved file. */
static void load_module(duk_context *ctx, int index)
{
    duk_push_global_stash(ctx);
    duk_get_prop_string(ctx, -1, "modules");
    if (duk_get_prop_index(ctx, -1, (duk_uarridx_t)index)) {
        /* Cached, possibly still loading (a cycle): its exports as they are now. */
        duk_get_prop_string(ctx, -1, "exports");
        duk_replace(ctx, -4);
        duk_pop_2(ctx);
        return;
    }
    duk_pop(ctx);
    duk_push_object(ctx);
    duk_push_object(ctx);
    duk_put_prop_string(ctx, -2, "exports");
    duk_push_string(ctx, ipm_files[index].path);
    duk_put_prop_string(ctx, -2, "filename");
    duk_push_false(ctx);
    duk_put_prop_string(ctx, -2, "loaded");
    /* The program's main module (the entry, when run without arguments) has id "." as in Node and
     * becomes require.main for every module loaded after it. */
    duk_get_prop_string(ctx, -3, "mainIndex");
    if (duk_get_int_default(ctx, -1, -1) == index && !duk_has_prop_string(ctx, -4, "main")) {
        duk_push_string(ctx, ".");
        duk_put_prop_string(ctx, -3, "id");
        duk_dup(ctx, -2);
        duk_put_prop_string(ctx, -5, "main");
    } else {
        duk_push_string(ctx, ipm_files[index].path);
        duk_put_prop_string(ctx, -3, "id");
    }
    duk_pop(ctx);
    /* Cached before it runs, so a cycle gets this module's partial exports. */
    duk_dup(ctx, -1);
    duk_put_prop_index(ctx, -3, (duk_uarridx_t)index);
    if (duk_safe_call(ctx, run_module_safe, &index, 1, 1) != DUK_EXEC_SUCCESS) {
        /* As Node does: a module that threw is forgotten, so a later require retries it. */
        duk_del_prop_index(ctx, -2, (duk_uarridx_t)index);
        (void)duk_throw(ctx);
    }
    duk_push_true(ctx);
    duk_put_prop_string(ctx, -2, "loaded");
    duk_get_prop_string(ctx, -1, "exports");
    duk_replace(ctx, -4);
    duk_pop_2(ctx);
}

struct run_args {
    int argc;
    char **argv;
};

static duk_ret_t run(duk_context *ctx, void *udata)
{
    const struct run_args *args = (const struct run_args *)udata;
    int i;
    if (args->argc < 2) {
        duk_push_global_stash(ctx);
        duk_push_int(ctx, ipm_entry);
        duk_put_prop_string(ctx, -2, "mainIndex");
        duk_pop(ctx);
        load_module(ctx, ipm_entry);
        return 0;
    }
    /* Each request as if require()d from a module in the root folder. */
    push_require(ctx, -1);
    for (i = 1; i < args->argc; i++) {
        duk_dup(ctx, -1);
        duk_push_string(ctx, args->argv[i]);
        duk_call(ctx, 1);
        duk_pop(ctx);
    }
    return 0;
}

static void install_globals(duk_context *ctx)
{
    duk_push_global_object(ctx);
    duk_push_c_function(ctx, host_print, DUK_VARARGS);
    duk_put_prop_string(ctx, -2, "print");
    duk_push_object(ctx);
    duk_push_c_function(ctx, host_print, DUK_VARARGS);
    duk_put_prop_string(ctx, -2, "log");
    duk_push_c_function(ctx, host_print, DUK_VARARGS);
    duk_put_prop_string(ctx, -2, "info");
    duk_push_c_function(ctx, host_print_error, DUK_VARARGS);
    duk_put_prop_string(ctx, -2, "error");
    duk_push_c_function(ctx, host_print_error, DUK_VARARGS);
    duk_put_prop_string(ctx, -2, "warn");
    duk_put_prop_string(ctx, -2, "console");
    duk_pop(ctx);
    duk_push_global_stash(ctx);
    duk_push_object(ctx);
    duk_put_prop_string(ctx, -2, "modules");
    duk_pop(ctx);
}

int main(int argc, char **argv)
{
    struct run_args args;
    duk_context *ctx;
    int status = 0;
    if (argc < 2 && ipm_entry < 0) {
        fprintf(stderr, "host-firmware: the bundle has no entry; name the modules to run: %s REQUEST...\n", argv[0]);
        return 2;
    }
    ctx = duk_create_heap_default();
    if (ctx == NULL) {
        fprintf(stderr, "host-firmware: cannot create the Duktape heap\n");
        return 2;
    }
    install_globals(ctx);
    args.argc = argc;
    args.argv = argv;
    if (duk_safe_call(ctx, run, &args, 0, 1) != DUK_EXEC_SUCCESS) {
        /* Uncaught: the stack trace when the value is an Error, else its string form. */
        fflush(stdout);
        if (duk_is_error(ctx, -1)) {
            duk_get_prop_string(ctx, -1, "stack");
            if (!duk_is_string(ctx, -1)) {
                duk_pop(ctx);
            }
        }
        fprintf(stderr, "uncaught: %s\n", duk_safe_to_string(ctx, -1));
        status = 1;
    }
    duk_destroy_heap(ctx);
    fflush(stdout);
    return status;
}

/* Runs the generated ipm_binding.c over a fake JerryScript/IoT.js (the functions stubs/iotjs_def.h declares)
 * and prints what the binding hands JerryScript, so a test can check it byte for byte.
 *
 * stdin, one call per line:   NAME none | NAME number DOUBLE | NAME hex HEXBYTES
 * stdout, one line per call:  number N | string HEX | error TYPE MESSAGE | object k=v ...
 *                             | parse NAMEHEX ARGS OPTS OFFSET SIZE (OFFSET: where the source starts inside
 *                               the file's array in ipm_modules.c, or "copy" if it is not there)
 *                             | json HEX
 * followed by " live=N", the buffers allocated through iotjs_buffer_allocate and not released.
 * The first line describes the object iotjs_init_ipm() returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotjs_def.h"
#include "ipm_modules.h"

jerry_value_t iotjs_init_ipm(void);

enum { V_NONE, V_NUMBER, V_STRING, V_OBJECT, V_FUNCTION, V_ERROR, V_PARSE, V_JSON };

typedef struct {
    int kind;
    double number;
    unsigned char *bytes;
    size_t size;
    jerry_external_handler_t handler;
    const jerry_char_t *source;
    jerry_value_t parent; /* object the value was set on, for V_FUNCTION and properties */
    char key[32];
} fake_value;

static fake_value values[1 << 14];
static jerry_value_t value_count = 1;
static long live;
static int current_file = -1;

static jerry_value_t make(int kind, const void *bytes, size_t size)
{
    fake_value *v = &values[value_count];
    v->kind = kind;
    v->bytes = malloc(size + 1);
    memcpy(v->bytes, bytes, size);
    v->size = size;
    return value_count++;
}

jerry_value_t jerry_create_object(void) { return make(V_OBJECT, "", 0); }
jerry_value_t jerry_create_number(double value)
{
    jerry_value_t v = make(V_NUMBER, "", 0);
    values[v].number = value;
    return v;
}
jerry_value_t jerry_create_string_sz_from_utf8(const jerry_char_t *str_p, jerry_size_t str_size)
{
    return make(V_STRING, str_p, str_size);
}
jerry_value_t jerry_create_error(jerry_error_t error_type, const jerry_char_t *message_p)
{
    jerry_value_t v = make(V_ERROR, message_p, strlen((const char *)message_p));
    values[v].number = error_type;
    return v;
}
void jerry_release_value(jerry_value_t value) { (void)value; }
bool jerry_value_is_number(const jerry_value_t value) { return values[value].kind == V_NUMBER; }
bool jerry_value_is_string(const jerry_value_t value) { return values[value].kind == V_STRING; }
double jerry_get_number_value(const jerry_value_t value) { return values[value].number; }
jerry_size_t jerry_get_utf8_string_size(const jerry_value_t value) { return (jerry_size_t)values[value].size; }
jerry_size_t jerry_string_to_utf8_char_buffer(const jerry_value_t value, jerry_char_t *buffer_p,
                                              jerry_size_t buffer_size)
{
    if (values[value].size > buffer_size) {
        return 0;
    }
    memcpy(buffer_p, values[value].bytes, values[value].size);
    return (jerry_size_t)values[value].size;
}
jerry_value_t jerry_parse_function(const jerry_char_t *resource_name_p, size_t resource_name_length,
                                   const jerry_char_t *arg_list_p, size_t arg_list_size,
                                   const jerry_char_t *source_p, size_t source_size, uint32_t parse_opts)
{
    jerry_value_t v = make(V_PARSE, resource_name_p, resource_name_length);
    printf("parse ");
    for (size_t i = 0; i < resource_name_length; i++) {
        printf("%02x", resource_name_p[i]);
    }
    printf(" %.*s %u ", (int)arg_list_size, (const char *)arg_list_p, (unsigned)parse_opts);
    if (current_file >= 0 && source_p >= ipm_files[current_file].data
        && source_p + source_size <= ipm_files[current_file].data + ipm_files[current_file].size) {
        printf("%ld", (long)(source_p - ipm_files[current_file].data));
    } else {
        printf("copy");
    }
    printf(" %lu", (unsigned long)source_size);
    return v;
}
jerry_value_t jerry_json_parse(const jerry_char_t *string_p, jerry_size_t string_size)
{
    return make(V_JSON, string_p, string_size);
}
static void set_property(jerry_value_t object, const char *name, jerry_value_t value)
{
    fake_value *v = &values[make(values[value].kind, values[value].bytes, values[value].size)];
    v->number = values[value].number;
    v->handler = values[value].handler;
    v->parent = object;
    snprintf(v->key, sizeof v->key, "%s", name);
}
void iotjs_jval_set_method(jerry_value_t jobj, const char *name, jerry_external_handler_t handler)
{
    jerry_value_t f = make(V_FUNCTION, "", 0);
    values[f].handler = handler;
    set_property(jobj, name, f);
}
void iotjs_jval_set_property_jval(jerry_value_t jobj, const char *name, jerry_value_t value)
{
    set_property(jobj, name, value);
}
void iotjs_jval_set_property_number(jerry_value_t jobj, const char *name, double v)
{
    set_property(jobj, name, jerry_create_number(v));
}
char *iotjs_buffer_allocate(size_t size)
{
    live++;
    return calloc(size, 1);
}
void iotjs_buffer_release(char *buff)
{
    live--;
    free(buff);
}

static void print_hex(const fake_value *v)
{
    for (size_t i = 0; i < v->size; i++) {
        printf("%02x", v->bytes[i]);
    }
}

static void print_value(jerry_value_t value)
{
    const fake_value *v = &values[value];
    switch (v->kind) {
    case V_NUMBER: printf("number %.17g", v->number); break;
    case V_STRING: printf("string "); print_hex(v); break;
    case V_ERROR: printf("error %d %.*s", (int)v->number, (int)v->size, (const char *)v->bytes); break;
    case V_JSON: printf("json "); print_hex(v); break;
    case V_PARSE: break; /* printed when parsed */
    case V_OBJECT:
        printf("object");
        for (jerry_value_t i = 1; i < value_count; i++) {
            if (values[i].parent == value && values[i].key[0] != '\0') {
                printf(" %s=", values[i].key);
                if (values[i].kind == V_FUNCTION) {
                    printf("function");
                } else if (values[i].kind == V_NUMBER) {
                    printf("%.17g", values[i].number);
                } else {
                    print_hex(&values[i]);
                }
            }
        }
        break;
    default: printf("unexpected kind %d", v->kind); break;
    }
    printf(" live=%ld\n", live);
}

static jerry_external_handler_t find_method(jerry_value_t object, const char *name)
{
    for (jerry_value_t i = 1; i < value_count; i++) {
        if (values[i].parent == object && values[i].kind == V_FUNCTION && strcmp(values[i].key, name) == 0) {
            return values[i].handler;
        }
    }
    return NULL;
}

int main(void)
{
    char line[8192];
    jerry_value_t native = iotjs_init_ipm();
    print_value(native);
    while (fgets(line, sizeof line, stdin) != NULL) {
        char name[64], type[16], arg[8000] = "";
        jerry_value_t args[1];
        jerry_length_t argc = 1;
        jerry_external_handler_t handler;
        if (sscanf(line, "%63s %15s %7999s", name, type, arg) < 2 || (handler = find_method(native, name)) == NULL) {
            printf("bad line %s", line);
            return 1;
        }
        current_file = -1;
        if (strcmp(type, "number") == 0) {
            args[0] = jerry_create_number(strtod(arg, NULL));
            current_file = atoi(arg);
        } else if (strcmp(type, "hex") == 0) {
            unsigned char bytes[4000];
            size_t n = strlen(arg) / 2;
            for (size_t i = 0; i < n; i++) {
                unsigned int b;
                sscanf(arg + 2 * i, "%2x", &b);
                bytes[i] = (unsigned char)b;
            }
            args[0] = make(V_STRING, bytes, n);
        } else {
            argc = 0;
            args[0] = 0;
        }
        if (current_file < 0 || (size_t)current_file >= ipm_file_count) {
            current_file = -1;
        }
        print_value(handler(0, native, args, argc));
    }
    return 0;
}

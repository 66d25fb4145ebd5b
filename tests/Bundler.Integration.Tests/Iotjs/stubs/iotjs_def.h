/* Test-only stand-in for IoT.js's iotjs_def.h: just the JerryScript 2.4 and IoT.js 1.0 declarations that the
 * generated ipm_binding.c uses, written from their documentation (JerryScript docs/02.API-REFERENCE.md and
 * jerry-core/include/jerryscript-core.h at v2.4.0; IoT.js src/iotjs_binding.h and src/iotjs_util.h), so the
 * binding compiles under strict flags, for the host and for Cortex-M4, without an IoT.js tree. A declaration
 * that drifted from the real API would show up in the hand-built IoT.js, which compiles the same file. */
#ifndef IOTJS_DEF_H
#define IOTJS_DEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- JerryScript 2.4 (jerryscript-core.h) ---- */
typedef uint8_t jerry_char_t;
typedef uint32_t jerry_size_t;
typedef uint32_t jerry_length_t;
typedef uint32_t jerry_value_t;

typedef enum {
    JERRY_ERROR_NONE = 0,
    JERRY_ERROR_COMMON,
    JERRY_ERROR_EVAL,
    JERRY_ERROR_RANGE,
    JERRY_ERROR_REFERENCE,
    JERRY_ERROR_SYNTAX,
    JERRY_ERROR_TYPE,
    JERRY_ERROR_URI
} jerry_error_t;

typedef enum {
    JERRY_PARSE_NO_OPTS = 0,
    JERRY_PARSE_STRICT_MODE = (1 << 0),
    JERRY_PARSE_MODULE = (1 << 1)
} jerry_parse_opts_t;

typedef jerry_value_t (*jerry_external_handler_t)(const jerry_value_t function_obj, const jerry_value_t this_val,
                                                  const jerry_value_t args_p[], const jerry_length_t args_count);

jerry_value_t jerry_create_object(void);
jerry_value_t jerry_create_number(double value);
jerry_value_t jerry_create_string_sz_from_utf8(const jerry_char_t *str_p, jerry_size_t str_size);
jerry_value_t jerry_create_error(jerry_error_t error_type, const jerry_char_t *message_p);
void jerry_release_value(jerry_value_t value);
bool jerry_value_is_number(const jerry_value_t value);
bool jerry_value_is_string(const jerry_value_t value);
double jerry_get_number_value(const jerry_value_t value);
jerry_size_t jerry_get_utf8_string_size(const jerry_value_t value);
jerry_size_t jerry_string_to_utf8_char_buffer(const jerry_value_t value, jerry_char_t *buffer_p,
                                              jerry_size_t buffer_size);
jerry_value_t jerry_parse_function(const jerry_char_t *resource_name_p, size_t resource_name_length,
                                   const jerry_char_t *arg_list_p, size_t arg_list_size,
                                   const jerry_char_t *source_p, size_t source_size, uint32_t parse_opts);
jerry_value_t jerry_json_parse(const jerry_char_t *string_p, jerry_size_t string_size);

/* ---- IoT.js 1.0 (iotjs_binding.h, iotjs_util.h) ---- */
void iotjs_jval_set_method(jerry_value_t jobj, const char *name, jerry_external_handler_t handler);
void iotjs_jval_set_property_jval(jerry_value_t jobj, const char *name, jerry_value_t value);
void iotjs_jval_set_property_number(jerry_value_t jobj, const char *name, double v);
char *iotjs_buffer_allocate(size_t size);
void iotjs_buffer_release(char *buff);

#endif /* IOTJS_DEF_H */

/* error.c - error values and the warning hook. See error.h for the contract.
 *
 * Chapter 1's program is the first to use it; every chapter after does.
 */
#include "error.h"

/* The real functions (error.h makes them macros for the static analyzer only). */
#undef nn_error_set
#undef nn_error_at

#include <stdarg.h>
#include <stdio.h>

void nn_error_clear(nn_error *err)
{
    if (err) {
        err->code = NN_OK;
        err->message[0] = '\0';
    }
}

/* The one formatter behind nn_error_set and nn_error_at: prefix, then the message. */
static nn_status fill(nn_error *err, nn_status code, const char *prefix, const char *fmt,
                      va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    int used = snprintf(err->message, sizeof err->message, "%s", prefix);
    if (used < 0)
        used = 0;
    if ((size_t)used < sizeof err->message)
        vsnprintf(err->message + used, sizeof err->message - (size_t)used, fmt, ap);
    return code;
}

nn_status nn_error_set(nn_error *err, nn_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, "", fmt, ap);
    va_end(ap);
    return code;
}

nn_status nn_error_at(nn_error *err, nn_status code, const char *file, size_t line,
                      size_t column, const char *fmt, ...)
{
    char prefix[512];
    if (line && column)
        snprintf(prefix, sizeof prefix, "%s:%zu:%zu: ", file, line, column);
    else if (line)
        snprintf(prefix, sizeof prefix, "%s:%zu: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, prefix, fmt, ap);
    va_end(ap);
    return code;
}

const char *nn_status_name(nn_status code)
{
    switch (code) {
    case NN_OK: return "ok";
    case NN_ERR_NOMEM: return "out of memory";
    case NN_ERR_ARG: return "invalid argument";
    case NN_ERR_SHAPE: return "shape mismatch";
    case NN_ERR_IO: return "input/output error";
    case NN_ERR_PARSE: return "malformed input";
    case NN_ERR_NUMERIC: return "non-finite number";
    case NN_ERR_STATE: return "invalid state";
    }
    return "unknown error";
}

/* The warning hook: documented global state, set before threads start. */
static void default_warning(const char *message, void *context)
{
    (void)context;
    fprintf(stderr, "warning: %s\n", message);
}

static nn_warning_fn warning_fn = default_warning;
static void *warning_context = NULL;

void nn_set_warning_handler(nn_warning_fn fn, void *context)
{
    warning_fn = fn ? fn : default_warning;
    warning_context = fn ? context : NULL;
}

void nn_warn(const char *fmt, ...)
{
    char line[NN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    warning_fn(line, warning_context);
}

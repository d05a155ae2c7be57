/* error.h - how every fallible call in the library reports failure.
 *
 * Chapter 1's program is the first to use it (a bad flag is an error value); chapters
 * 5 to 8 pass failures up with NN_TRY.
 *
 * The library never exits and never prints on its own. A function that can fail
 * returns an nn_status and, when the caller passes a non-NULL nn_error, fills it with
 * a code and a one-line message. Where the failure comes from input (a file, a flag),
 * the message starts with "file:line:column: ".
 *
 *     nn_error err;
 *     if (nn_matrix_matmul(out, a, NN_NO_TRANS, b, NN_NO_TRANS, &err) != NN_OK)
 *         fprintf(stderr, "error: %s\n", err.message);
 *
 * Warnings (a fit that did not converge, gnuplot missing) are not errors: they go to
 * a warning handler, which by default prints one line on stderr. The handler is the
 * library's one piece of global state; set it once, before any threads start.
 */
#ifndef NN_ERROR_H
#define NN_ERROR_H

#include <stddef.h>

typedef enum nn_status {
    NN_OK = 0,
    NN_ERR_NOMEM,    /* an allocation failed */
    NN_ERR_ARG,      /* an argument is out of its documented range */
    NN_ERR_SHAPE,    /* matrix or array shapes do not fit together */
    NN_ERR_IO,       /* a file could not be opened, read or written */
    NN_ERR_PARSE,    /* input text is malformed (the message gives file:line:column) */
    NN_ERR_NUMERIC,  /* a NaN or infinity appeared where a finite number is needed */
    NN_ERR_STATE     /* the object is not in a state that allows this call */
} nn_status;

#define NN_ERROR_MESSAGE_MAX 1024

typedef struct nn_error {
    nn_status code;
    char message[NN_ERROR_MESSAGE_MAX];
} nn_error;

/* Sets err to NN_OK with an empty message. err may be NULL. */
void nn_error_clear(nn_error *err);

/* Fills err (if not NULL) with code and a printf-style message; returns code. */
nn_status nn_error_set(nn_error *err, nn_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Like nn_error_set, with the message prefixed by "file:line:column: ".
 * A line or column of 0 is left out ("file: ..." or "file:line: ..."). */
nn_status nn_error_at(nn_error *err, nn_status code, const char *file, size_t line,
                      size_t column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The static analyzer (clang-tidy, `make lint`) looks at one file at a time and so
 * cannot see that nn_error_set and nn_error_at return their code, never NN_OK: it would
 * follow "return nn_error_set(...)" as if it could succeed. For it alone, these macros
 * state the contract; compilers see the plain functions. */
#if defined(__clang_analyzer__)
#define nn_error_set(err, code, ...) (nn_error_set((err), (code), __VA_ARGS__), (code))
#define nn_error_at(err, code, ...) (nn_error_at((err), (code), __VA_ARGS__), (code))
#endif

/* ---- Passing failures up ---------------------------------------------------------------
 *
 * Most calls in a chapter program can fail, and a failure should end the work in hand
 * and reach main, which prints the message. Two macros say that in one line each, so
 * the lesson's lines are not lost among error checks. Each has one meaning:
 *
 *   NN_TRY(call)          if call fails, return its status from this function now.
 *   NN_TRY_CLEANUP(call)  if call fails, keep its status in `status` and jump to the
 *                         label `cleanup`, where the function frees what it owns.
 *
 * A function using NN_TRY_CLEANUP declares `nn_status status = NN_OK;` and ends with
 *
 *     cleanup:
 *         nn_mlp_free(clf);
 *         return status;
 *
 * call is any expression of type nn_status; nn_made() turns a constructor's result
 * (NULL on failure) into one. */
#define NN_TRY(call)                                                                       \
    do {                                                                                   \
        nn_status nn_try_status_ = (call);                                                 \
        if (nn_try_status_ != NN_OK)                                                       \
            return nn_try_status_;                                                         \
    } while (0)

#define NN_TRY_CLEANUP(call)                                                               \
    do {                                                                                   \
        if ((status = (call)) != NN_OK)                                                    \
            goto cleanup;                                                                  \
    } while (0)

/* NN_OK when the constructor's result p is not NULL; otherwise the code it left in err
 * (NN_ERR_NOMEM when err is NULL). For example:
 *     NN_TRY(nn_made(clf = nn_mlp_new(NN_MLP_CLASSIFIER, &params, err), err)); */
static inline nn_status nn_made(const void *p, const nn_error *err)
{
    return p ? NN_OK : err && err->code != NN_OK ? err->code : NN_ERR_NOMEM;
}

/* A short fixed name for a status code, e.g. "shape mismatch". */
const char *nn_status_name(nn_status code);

/* Receives one warning line (no trailing newline). */
typedef void (*nn_warning_fn)(const char *message, void *context);

/* Installs fn as the warning handler (NULL restores the default: a line on stderr). */
void nn_set_warning_handler(nn_warning_fn fn, void *context);

/* Sends a printf-style warning to the handler. */
void nn_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif

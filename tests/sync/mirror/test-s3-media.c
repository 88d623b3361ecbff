/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "co-http-policy.h"
#include "co-media-mirror.h"
#include "co-mirror-error.h"
#include "co-mirror-media.h"
#include "co-sync-error.h"
#include "co-test-clock.h"
#include "co-test-mirror.h"
#include "co-test-peer.h"
#include "co-test-proxy.h"
#include "co-test-s3.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * The media mirror against a real s3rver on loopback: push, a second push
 * that sends nothing, a multipart upload interrupted and resumed, fetching a
 * file a record names, a damaged object refused by its digest, and bad
 * addresses and keys.
 */

/* S3 takes parts of 5 MiB and more; files above it go in parts here. */
#define PART_SIZE (G_GINT64_CONSTANT (5) * 1024 * 1024)

/* A bucket on the test binary's s3rver, as "URL/BUCKET", or NULL (skipped or
 * failed with the reason when s3rver is not installed). */
static char *
new_bucket (const char *prefix)
{
  CoTestS3 *server = co_test_s3_get ();
  g_autofree char *name = NULL;

  if (server == NULL)
    return NULL;
  name = co_test_s3_new_bucket (server, prefix);
  return g_strdup_printf ("%s/%s", co_test_s3_get_url (server), name);
}

static CoS3 *
open_bucket (CoHttpClient *client,
             const char   *url)
{
  g_autoptr(GError) error = NULL;
  CoS3 *s3 = co_s3_new (client, url, CO_TEST_S3_KEY, CO_TEST_S3_KEY, &error);

  g_assert_no_error (error);
  g_assert_true (co_s3_check_bucket (s3, NULL, &error));
  g_assert_no_error (error);
  return s3;
}

static void
assert_object (CoS3       *s3,
               const char *sha256)
{
  g_autofree char *key = co_media_mirror_key (sha256);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = co_s3_get (s3, key, NULL, &error);
  g_autofree char *actual = NULL;

  g_assert_no_error (error);
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (actual, ==, sha256);
}

static void
test_push (void)
{
  g_autofree char *url = new_bucket ("push");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  CoMediaMirrorReport report = { 0 };
  guint before;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  small = co_test_side_add_file (a, "small.mp4", 100 * 1024, 1);
  large = co_test_side_add_file (a, "large.mp4", 2 * PART_SIZE + 1234, 2);
  co_test_side_add_note (a, "A note has no file", NULL);
  s3 = open_bucket (client, url);

  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 2);
  g_assert_cmpuint (report.present, ==, 0);
  g_assert_cmpuint (report.bytes_sent, ==, 100 * 1024 + 2 * PART_SIZE + 1234);
  assert_object (s3, small);
  assert_object (s3, large);

  /* Again: the library knows the bucket holds them, and asks nothing. */
  before = co_s3_get_requests (s3);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, before);
  g_assert_cmpuint (report.pushed + report.present, ==, 0);

  /* Another library with the same file: one HEAD, no bytes. */
  b = co_test_side_new ("b");
  g_free (co_test_side_add_file (b, "same.mp4", 100 * 1024, 1));
  before = co_s3_get_requests (s3);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_push (s3, b->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, before + 1);
  g_assert_cmpuint (report.present, ==, 1);
  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.bytes_sent, ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  int           parts;
} Interrupt;

/* Drops the push (as a lost connection or a killed process would) once the
 * server took the first part. */
static void
interrupt_cb (double      fraction,
              const char *message,
              gpointer    data)
{
  Interrupt *interrupt = data;

  if (++interrupt->parts == 1)
    g_cancellable_cancel (interrupt->cancellable);
}

static void
test_resume (void)
{
  g_autofree char *url = new_bucket ("resume");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *large = NULL;
  Interrupt interrupt = { cancellable, 0 };
  CoMediaMirrorReport report = { 0 };
  gint64 size = 2 * PART_SIZE + 4321;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  large = co_test_side_add_file (a, "large.mp4", size, 3);
  s3 = open_bucket (client, url);
  g_assert_false (co_media_mirror_push (s3, a->store, PART_SIZE, interrupt_cb, &interrupt,
                                        &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (report.bytes_sent, ==, PART_SIZE);
  g_assert_cmpint (co_test_side_count (a, "SELECT count(*) FROM mirror_upload_parts"), ==, 1);

  /* As after a restart: a new library object and a new client. */
  dir = g_strdup (a->dir);
  g_clear_pointer (&a, co_test_side_free);
  g_clear_object (&s3);
  a = co_test_side_open (dir);
  s3 = open_bucket (client, url);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL,
                                       &error));
  g_assert_no_error (error);
  /* Only the two parts the server did not have, and no HEAD, no ListParts. */
  g_assert_cmpuint (report.bytes_sent, ==, size - PART_SIZE);
  g_assert_cmpuint (co_s3_get_requests (s3), ==, 1 + 2 + 1);
  g_assert_cmpint (co_test_side_count (a, "SELECT count(*) FROM mirror_uploads"), ==, 0);
  assert_object (s3, large);
}

/* An upload the server forgot (expired, or another server): kept parts are
 * refused, and the upload starts again from the first part. */
static void
test_resume_forgotten (void)
{
  g_autofree char *url = new_bucket ("forgotten");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *large = NULL;
  CoMediaMirrorReport report = { 0 };
  gint64 size = PART_SIZE + 10;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  large = co_test_side_add_file (a, "large.mp4", size, 4);
  s3 = open_bucket (client, url);
  g_assert_true (co_mirror_media_begin_upload (a->store, co_s3_get_url (s3), large,
                                               "0123456789abcdef0123456789abcdef", PART_SIZE,
                                               &error));
  g_assert_true (co_mirror_media_add_part (a->store, large, 1, "\"feedface\"", &error));
  g_assert_no_error (error);
  co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 1);
  assert_object (s3, large);
}

/* A push through the loopback proxy, in a worker (the proxy answers on
 * this thread's main context). */
typedef struct
{
  CoS3                *s3;
  CoStore             *store;
  CoMediaMirrorReport  report;
  GError              *error;
  gboolean             ok;
  gboolean             done;
} Push;

static gpointer
push_thread (gpointer data)
{
  Push *push = data;

  push->ok = co_media_mirror_push (push->s3, push->store, PART_SIZE, NULL, NULL, &push->report,
                                   NULL, &push->error);
  g_atomic_int_set (&push->done, TRUE);
  return NULL;
}

static gboolean
push_done (gpointer data)
{
  return g_atomic_int_get (&((Push *)data)->done);
}

static void
push_through (CoS3    *s3,
              CoStore *store,
              Push    *push)
{
  GThread *thread;

  memset (push, 0, sizeof *push);
  push->s3 = s3;
  push->store = store;
  thread = g_thread_new ("push", push_thread, push);
  g_assert_true (co_test_wait_until (push_done, push, 120000));
  g_thread_join (thread);
}

#define N_COUNTED_PARTS 4

/* What reached the proxy: part uploads by number, as sent and as passed on
 * to s3rver, and the uploads started. */
typedef struct
{
  guint           sent[N_COUNTED_PARTS + 1];
  guint           passed[N_COUNTED_PARTS + 1];
  guint           created;
  int             drop_part;   /* drop this part's requests … */
  guint           drops_left;  /* … this many times */
  CoTestFaultKind drop_kind;   /* before or after s3rver took it */
} Drops;

static int
part_number (SoupServerMessage *message)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  const char *number = query ? strstr (query, "partNumber=") : NULL;

  return number != NULL ? atoi (number + strlen ("partNumber=")) : 0;
}

static void
drops_cb (CoTestServer      *server,
          SoupServerMessage *message,
          const char        *path,
          CoTestFault       *fault,
          gpointer           data)
{
  Drops *drops = data;
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  int number = part_number (message);

  if (g_strcmp0 (query, "uploads=") == 0 || g_strcmp0 (query, "uploads") == 0)
    drops->created++;
  if (number < 1 || number > N_COUNTED_PARTS)
    return;
  drops->sent[number]++;
  if (number == drops->drop_part && drops->drops_left > 0)
    {
      drops->drops_left--;
      fault->kind = drops->drop_kind;
    }
  if (fault->kind != CO_TEST_FAULT_DROP)
    drops->passed[number]++;
}

/* A bucket through a new proxy that counts and drops as @drops says, and a
 * client whose back-offs pass at once. */
static CoS3 *
open_proxied (const char    *url,
              Drops         *drops,
              CoTestServer **out_proxy,
              CoHttpClient **out_client)
{
  g_autoptr(CoTestClock) clock = co_test_clock_new (g_get_real_time ());
  g_autofree char *through = NULL;

  co_test_clock_set_auto_advance (clock, TRUE);
  *out_proxy = co_test_proxy_new (co_test_s3_get_url (co_test_s3_get ()));
  co_test_server_set_faults (*out_proxy, drops_cb, drops);
  *out_client = co_http_client_new (CO_CLOCK (clock));
  through = co_test_proxy_rewrite (*out_proxy, url);
  return co_s3_new (*out_client, through, CO_TEST_S3_KEY, CO_TEST_S3_KEY, NULL);
}

/* The connection drops while part 2 goes up, every time the client tries
 * (the network is gone): the push fails; the next one sends parts 2 and 3
 * only, on the same upload, and the object is the file. */
static void
test_resume_dropped (void)
{
  g_autofree char *url = new_bucket ("dropped");
  g_autoptr(CoTestServer) proxy = NULL;
  g_autoptr(CoHttpClient) client = NULL;
  g_autoptr(CoHttpClient) direct = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(CoS3) check = NULL;
  g_autofree char *large = NULL;
  Drops drops = { .drop_part = 2, .drops_left = 1 + CO_HTTP_MAX_RETRIES,
                  .drop_kind = CO_TEST_FAULT_DROP };
  Push push;
  gint64 size = 2 * PART_SIZE + 777;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  large = co_test_side_add_file (a, "large.mp4", size, 5);
  s3 = open_proxied (url, &drops, &proxy, &client);
  g_assert_nonnull (s3);

  push_through (s3, a->store, &push);
  g_assert_false (push.ok);
  g_assert_nonnull (push.error);
  g_test_message ("the dropped push: %s", push.error->message);
  g_clear_error (&push.error);
  g_assert_cmpuint (drops.created, ==, 1);
  g_assert_cmpuint (drops.passed[1], ==, 1);
  g_assert_cmpuint (drops.sent[2], ==, 1 + CO_HTTP_MAX_RETRIES);
  g_assert_cmpuint (drops.passed[2], ==, 0);
  g_assert_cmpint (co_test_side_count (a, "SELECT count(*) FROM mirror_upload_parts"), ==, 1);

  /* The network is back. */
  push_through (s3, a->store, &push);
  g_assert_no_error (push.error);
  g_assert_true (push.ok);
  g_assert_cmpuint (push.report.pushed, ==, 1);
  g_assert_cmpuint (push.report.bytes_sent, ==, size - PART_SIZE);
  g_assert_cmpuint (drops.created, ==, 1);
  g_assert_cmpuint (drops.passed[1], ==, 1);
  g_assert_cmpuint (drops.passed[2], ==, 1);
  g_assert_cmpuint (drops.sent[3], ==, 1);
  g_assert_cmpint (co_test_side_count (a, "SELECT count(*) FROM mirror_uploads"), ==, 0);
  check = open_bucket (direct, url);
  assert_object (check, large);
}

/* The answer to part 2 is lost after s3rver took it: the client sends part
 * 2 again in the same push (an upload part may be repeated), and nothing
 * else twice. */
static void
test_resume_answer_lost (void)
{
  g_autofree char *url = new_bucket ("lost");
  g_autoptr(CoTestServer) proxy = NULL;
  g_autoptr(CoHttpClient) client = NULL;
  g_autoptr(CoHttpClient) direct = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(CoS3) check = NULL;
  g_autofree char *large = NULL;
  Drops drops = { .drop_part = 2, .drops_left = 1, .drop_kind = CO_TEST_FAULT_DROP_AFTER };
  Push push;
  gint64 size = 2 * PART_SIZE + 99;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  large = co_test_side_add_file (a, "large.mp4", size, 6);
  s3 = open_proxied (url, &drops, &proxy, &client);
  g_assert_nonnull (s3);
  push_through (s3, a->store, &push);
  g_assert_no_error (push.error);
  g_assert_true (push.ok);
  g_assert_cmpuint (drops.created, ==, 1);
  g_assert_cmpuint (drops.passed[1], ==, 1);
  g_assert_cmpuint (drops.passed[2], ==, 2);
  g_assert_cmpuint (drops.passed[3], ==, 1);
  check = open_bucket (direct, url);
  assert_object (check, large);
}

/* Removes the library's copy of a stored file, as on a second laptop that
 * received the record but not the file yet. */
static void
remove_stored (CoTestSide *side,
               const char *sha256)
{
  g_autofree char *path = co_store_dup_blob_path (side->store, sha256);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_fetch (void)
{
  g_autofree char *url = new_bucket ("fetch");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stored = NULL;
  CoMediaMirrorReport report = { 0 };

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  sha = co_test_side_add_file (a, "clip.mp4", 300 * 1024, 5);
  s3 = open_bucket (client, url);
  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  remove_stored (a, sha);

  g_assert_true (co_media_mirror_fetch (s3, a->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.fetched, ==, 1);
  path = co_store_dup_blob_path (a->store, sha);
  stored = co_store_hash_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, sha);

  /* Nothing missing: nothing asked. */
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_fetch (s3, a->store, &report, NULL, &error));
  g_assert_cmpuint (report.fetched, ==, 0);

  /* A file the bucket does not have yet either: counted, not an error. */
  g_free (sha);
  sha = co_test_side_add_file (a, "later.mp4", 1000, 7);
  remove_stored (a, sha);
  memset (&report, 0, sizeof report);
  g_assert_true (co_media_mirror_fetch (s3, a->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.fetched, ==, 0);
  g_assert_cmpuint (report.missing, ==, 1);
}

static void
test_corrupt (void)
{
  g_autofree char *url = new_bucket ("corrupt");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *key = NULL;
  g_autofree char *object = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (url == NULL)
    return;
  a = co_test_side_new ("a");
  sha = co_test_side_add_file (a, "clip.mp4", 64 * 1024, 6);
  s3 = open_bucket (client, url);
  g_assert_true (co_media_mirror_push (s3, a->store, PART_SIZE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  remove_stored (a, sha);

  /* One byte changed in the server's copy, the size the same. */
  key = co_media_mirror_key (sha);
  bucket = g_path_get_basename (url);
  object = co_test_s3_object_path (co_test_s3_get (), bucket, key);
  g_assert_true (g_file_get_contents (object, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 64 * 1024);
  contents[1000] ^= 0x40;
  g_assert_true (g_file_set_contents (object, contents, length, NULL));

  g_assert_false (co_media_mirror_fetch (s3, a->store, NULL, NULL, &error));
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_DIGEST_MISMATCH);
  g_assert_nonnull (strstr (error->message, key));
  g_assert_nonnull (strstr (error->message, co_s3_get_url (s3)));
  path = co_store_dup_blob_path (a->store, sha);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_bad_input (void)
{
  g_autofree char *url = new_bucket ("bad");
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *unreachable = NULL;
  g_autofree char *with_keys = NULL;

  if (url == NULL)
    return;
  s3 = co_s3_new (client, "ftp://example.com/b", "k", "s", &error);
  g_assert_null (s3);
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_URL);
  g_assert_nonnull (strstr (error->message, "ftp://example.com/b"));
  g_clear_error (&error);
  s3 = co_s3_new (client, "http://127.0.0.1:9", "k", "s", &error);
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_URL);
  g_assert_nonnull (strstr (error->message, "BUCKET"));
  g_clear_error (&error);

  /* No such bucket. */
  missing = g_strconcat (co_test_s3_get_url (co_test_s3_get ()), "/no-such-bucket", NULL);
  s3 = co_s3_new (client, missing, CO_TEST_S3_KEY, CO_TEST_S3_KEY, &error);
  g_assert_no_error (error);
  g_assert_false (co_s3_check_bucket (s3, NULL, &error));
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NO_BUCKET);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_clear_object (&s3);

  /* A wrong key pair, given in the address: refused, and the secret never
   * shown.  (s3rver checks the key id, not SigV4 signatures: test-s3-sign
   * holds the signer to the AWS documentation's examples.) */
  with_keys = g_strdup_printf ("http://WRONGKEY:wrong-secret@%s", url + strlen ("http://"));
  s3 = co_s3_new (client, with_keys, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (co_s3_get_url (s3), ==, url);
  g_assert_false (co_s3_check_bucket (s3, NULL, &error));
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_null (strstr (error->message, "wrong-secret"));
  g_clear_error (&error);
  g_clear_object (&s3);

  /* Nothing listens there. */
  unreachable = g_strdup_printf ("http://127.0.0.1:%u/bucket", co_test_peer_free_port ());
  s3 = co_s3_new (client, unreachable, CO_TEST_S3_KEY, CO_TEST_S3_KEY, &error);
  g_assert_false (co_s3_check_bucket (s3, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, unreachable));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);
  g_test_add_func ("/s3/media/push", test_push);
  g_test_add_func ("/s3/media/resume", test_resume);
  g_test_add_func ("/s3/media/resume-forgotten", test_resume_forgotten);
  g_test_add_func ("/s3/media/resume-dropped", test_resume_dropped);
  g_test_add_func ("/s3/media/resume-answer-lost", test_resume_answer_lost);
  g_test_add_func ("/s3/media/fetch", test_fetch);
  g_test_add_func ("/s3/media/corrupt", test_corrupt);
  g_test_add_func ("/s3/media/bad-input", test_bad_input);
  status = g_test_run ();
  co_test_s3_stop ();
  return status;
}

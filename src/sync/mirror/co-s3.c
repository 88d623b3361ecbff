/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-error.h"
#include "co-mirror-error.h"
#include "co-s3-sign.h"
#include "co-s3.h"
#include "co-sync-error.h"

/*
 * The few requests of Amazon S3's REST API the media mirror needs: HeadObject,
 * PutObject, GetObject, CreateMultipartUpload, UploadPart and
 * CompleteMultipartUpload, plus HeadBucket to check the bucket.  No
 * ListParts or AbortMultipartUpload: an upload resumes from the parts this
 * library kept (co-s3-push.c), which s3rver supports too.
 */

struct _CoS3
{
  GObject       parent_instance;

  CoHttpClient *client;
  char         *url;         /* the bucket's address, without credentials */
  char         *scheme;
  char         *host;        /* as the Host header has it: host[:port] */
  char         *path;        /* the bucket's path, encoded: "/bucket" */
  char         *access_key;
  char         *secret_key;
  char         *region;
  guint         requests;
  guint64       bytes_sent;
};

G_DEFINE_FINAL_TYPE (CoS3, co_s3, G_TYPE_OBJECT)

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
co_s3_finalize (GObject *object)
{
  CoS3 *self = CO_S3 (object);

  g_clear_object (&self->client);
  g_free (self->url);
  g_free (self->scheme);
  g_free (self->host);
  g_free (self->path);
  g_free (self->access_key);
  wipe (&self->secret_key);
  g_free (self->region);
  G_OBJECT_CLASS (co_s3_parent_class)->finalize (object);
}

static void
co_s3_class_init (CoS3Class *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_s3_finalize;
}

static void
co_s3_init (CoS3 *self)
{
  self->region = g_strdup (CO_S3_DEFAULT_REGION);
}

static gboolean
set_bad_url (GError    **error,
             const char *url,
             const char *reason)
{
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_URL,
               _("The S3 address “%s” is not usable: %s"), url, reason);
  return FALSE;
}

typedef struct
{
  char *url;
  char *scheme;
  char *host;
  char *path;
  char *user;
  char *password;
} Parts;

static void
parts_clear (Parts *parts)
{
  g_free (parts->url);
  g_free (parts->scheme);
  g_free (parts->host);
  g_free (parts->path);
  g_free (parts->user);
  wipe (&parts->password);
}

/* The address names the server and, as its last path segment, the bucket.
 * Messages name it as given, without any user info. */
static gboolean
split_url (const char *url,
           Parts      *out,
           GError    **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;
  int port;

  if (uri == NULL)
    return set_bad_url (error, "…", _("give it as http(s)://HOST[:PORT]/BUCKET"));
  shown = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
  scheme = g_uri_get_scheme (uri);
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    return set_bad_url (error, shown, _("give it as http(s)://HOST[:PORT]/BUCKET"));
  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  if (strrchr (path, '/') == NULL || strrchr (path, '/')[1] == '\0')
    return set_bad_url (error, shown, _("it names no bucket (…/BUCKET at its end)"));
  port = g_uri_get_port (uri);
  out->scheme = g_strdup (scheme);
  if (port < 0 || (port == 80 && strcmp (scheme, "http") == 0) ||
      (port == 443 && strcmp (scheme, "https") == 0))
    out->host = g_strdup (g_uri_get_host (uri));
  else
    out->host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
  out->url = g_strdup_printf ("%s://%s%s", scheme, out->host, path);
  out->path = g_steal_pointer (&path);
  out->user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  out->password = g_uri_unescape_string (g_uri_get_password (uri), NULL);
  return TRUE;
}

/**
 * co_s3_split_url:
 * @url: a bucket's address, perhaps with the key pair as its user info
 * @out_access_key: (out) (optional) (nullable): the access key in it
 * @out_secret_key: (out) (optional) (nullable): the secret in it
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the address without the key pair, or
 *   %NULL with %CO_MIRROR_ERROR_BAD_URL
 */
char *
co_s3_split_url (const char  *url,
                 char       **out_access_key,
                 char       **out_secret_key,
                 GError     **error)
{
  Parts parts = { 0 };
  char *result;

  g_return_val_if_fail (url != NULL, NULL);

  if (!split_url (url, &parts, error))
    {
      parts_clear (&parts);
      return NULL;
    }
  if (out_access_key != NULL)
    *out_access_key = g_steal_pointer (&parts.user);
  if (out_secret_key != NULL)
    *out_secret_key = g_steal_pointer (&parts.password);
  result = g_steal_pointer (&parts.url);
  parts_clear (&parts);
  return result;
}

/**
 * co_s3_new:
 * @client: the HTTP client
 * @url: the bucket's address, http(s)://HOST[:PORT]/[PATH/]BUCKET; its user
 *   info, if any, is taken as the key pair
 * @access_key: (nullable): the access key id, which wins over @url's
 * @secret_key: (nullable): the secret access key
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bucket, or %NULL with
 *   %CO_MIRROR_ERROR_BAD_URL or %CO_MIRROR_ERROR_BAD_CREDENTIALS
 */
CoS3 *
co_s3_new (CoHttpClient  *client,
           const char    *url,
           const char    *access_key,
           const char    *secret_key,
           GError       **error)
{
  g_autoptr(CoS3) self = g_object_new (CO_TYPE_S3, NULL);
  Parts parts = { 0 };

  g_return_val_if_fail (CO_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!split_url (url, &parts, error))
    {
      parts_clear (&parts);
      return NULL;
    }
  self->client = g_object_ref (client);
  self->url = g_steal_pointer (&parts.url);
  self->scheme = g_steal_pointer (&parts.scheme);
  self->host = g_steal_pointer (&parts.host);
  self->path = g_steal_pointer (&parts.path);
  self->access_key = g_strdup (access_key != NULL ? access_key : parts.user);
  self->secret_key = g_strdup (access_key != NULL ? secret_key : parts.password);
  parts_clear (&parts);
  if (self->access_key == NULL || self->access_key[0] == '\0' || self->secret_key == NULL ||
      self->secret_key[0] == '\0')
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_CREDENTIALS,
                   _("No access key and secret for the S3 bucket at %s"), self->url);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * co_s3_set_region:
 * @self: a bucket
 * @region: the region requests are signed for
 */
void
co_s3_set_region (CoS3       *self,
                  const char *region)
{
  g_return_if_fail (CO_IS_S3 (self));
  g_return_if_fail (region != NULL && region[0] != '\0');

  g_free (self->region);
  self->region = g_strdup (region);
}

/**
 * co_s3_get_url:
 * @self: a bucket
 *
 * Returns: its address without the key pair: what messages name it by
 */
const char *
co_s3_get_url (CoS3 *self)
{
  g_return_val_if_fail (CO_IS_S3 (self), NULL);
  return self->url;
}

/**
 * co_s3_get_requests:
 * @self: a bucket
 *
 * Returns: how many requests were sent to it
 */
guint
co_s3_get_requests (CoS3 *self)
{
  g_return_val_if_fail (CO_IS_S3 (self), 0);
  return g_atomic_int_get (&self->requests);
}

/**
 * co_s3_get_bytes_sent:
 * @self: a bucket
 *
 * Returns: how many bytes of request bodies were sent to it
 */
guint64
co_s3_get_bytes_sent (CoS3 *self)
{
  g_return_val_if_fail (CO_IS_S3 (self), 0);
  return self->bytes_sent;
}

/* The text of an XML element in @body ("<Code>…</Code>"), or NULL. */
static char *
xml_text (GBytes     *body,
          const char *element)
{
  g_autofree char *open = g_strdup_printf ("<%s>", element);
  g_autofree char *close = g_strdup_printf ("</%s>", element);
  g_autofree char *text = NULL;
  const char *start, *end;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return NULL;
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  start = strstr (text, open);
  if (start == NULL)
    return NULL;
  start += strlen (open);
  end = strstr (start, close);
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

typedef struct
{
  const char *method;
  const char *key;        /* (nullable): the object, or NULL for the bucket */
  const char *query;      /* (nullable) */
  GBytes     *body;       /* (nullable) */
  const char *sha256;     /* (nullable): the body's, when known */
  gboolean    idempotent;
} Call;

/* Signs and sends @call; the response whatever its status, or NULL. */
static CoHttpResponse *
send_call (CoS3          *self,
           const Call    *call,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *amz_date = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *key = call->key ? co_s3_uri_encode (call->key, TRUE) : NULL;
  g_autofree char *path = g_strconcat (self->path, key ? "/" : "", key ? key : "", NULL);
  g_autofree char *url = g_strconcat (self->scheme, "://", self->host, path,
                                      call->query ? "?" : "", call->query ? call->query : "",
                                      NULL);
  g_autofree char *payload = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(CoHttpRequest) request = co_http_request_new (call->method, url);
  g_autoptr(GError) local_error = NULL;
  CoHttpResponse *response;

  if (call->sha256 != NULL)
    payload = g_strdup (call->sha256);
  else if (call->body != NULL)
    payload = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, call->body);
  else
    payload = g_strdup (CO_S3_EMPTY_SHA256);
  {
    const char *headers[] = { "host", self->host, "x-amz-content-sha256", payload,
                              "x-amz-date", amz_date, NULL };
    CoS3SignInput input = { self->access_key, self->secret_key, self->region, "s3", amz_date,
                            call->method, path, call->query, headers, payload };

    authorization = co_s3_authorization (&input);
  }
  co_http_request_set_header (request, "x-amz-content-sha256", payload);
  co_http_request_set_header (request, "x-amz-date", amz_date);
  co_http_request_set_header (request, "Authorization", authorization);
  if (call->body != NULL)
    {
      co_http_request_set_body (request, "application/octet-stream", call->body);
      self->bytes_sent += g_bytes_get_size (call->body);
    }
  co_http_request_set_idempotent (request, call->idempotent);
  g_atomic_int_inc (&self->requests);
  response = co_http_client_send_sync (self->client, request, cancellable, &local_error);
  if (response == NULL && !co_error_is_cancelled (local_error))
    g_prefix_error (&local_error, _("Cannot reach the S3 server at %s: "), self->url);
  if (response == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return response;
}

/* An error for a response with a failure status, naming the bucket and
 * S3's own code for it. */
static void
set_status_error (CoS3           *self,
                  CoHttpResponse *response,
                  const char     *key,
                  GError        **error)
{
  guint status = co_http_response_get_status (response);
  GBytes *body = co_http_response_get_body (response);
  g_autofree char *code = xml_text (body, "Code");
  g_autofree char *message = xml_text (body, "Message");
  g_autofree char *reason = code != NULL ? g_strdup_printf ("%s (%s)", code, message ? message : "")
                                         : g_strdup_printf ("HTTP %u", status);

  if (g_strcmp0 (code, "NoSuchBucket") == 0)
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NO_BUCKET,
                 _("The S3 bucket at %s does not exist"), self->url);
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_UNAUTHORIZED,
                 _("The S3 server at %s refused the access key or secret: %s"), self->url,
                 reason);
  else if (status >= 500 || status == 408)
    g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_UNCERTAIN,
                 _("The S3 server at %s failed on “%s”: %s"), self->url, key ? key : "/",
                 reason);
  else
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_REJECTED,
                 _("The S3 server at %s refused “%s”: %s"), self->url, key ? key : "/", reason);
}

/**
 * co_s3_check_bucket:
 * @self: a bucket
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks for the bucket (HeadBucket): it exists and the key pair may use it.
 *
 * Returns: %TRUE when it does, otherwise %FALSE with %CO_MIRROR_ERROR_NO_BUCKET,
 *   %CO_MIRROR_ERROR_UNAUTHORIZED or the network's error
 */
gboolean
co_s3_check_bucket (CoS3          *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Call call = { "HEAD", NULL, NULL, NULL, NULL, TRUE };
  g_autoptr(CoHttpResponse) response = NULL;

  g_return_val_if_fail (CO_IS_S3 (self), FALSE);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (co_http_response_get_status (response) == SOUP_STATUS_NOT_FOUND)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NO_BUCKET,
                   _("The S3 bucket at %s does not exist"), self->url);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (co_http_response_get_status (response)))
    {
      set_status_error (self, response, NULL, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_s3_head:
 * @self: a bucket
 * @key: an object's key
 * @out_exists: (out): whether the object is there
 * @out_size: (out) (optional): its size, when it is
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server answered
 */
gboolean
co_s3_head (CoS3          *self,
            const char    *key,
            gboolean      *out_exists,
            gint64        *out_size,
            GCancellable  *cancellable,
            GError       **error)
{
  Call call = { "HEAD", key, NULL, NULL, NULL, TRUE };
  g_autoptr(CoHttpResponse) response = NULL;
  guint status;

  g_return_val_if_fail (CO_IS_S3 (self), FALSE);
  g_return_val_if_fail (key != NULL && out_exists != NULL, FALSE);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return FALSE;
  status = co_http_response_get_status (response);
  *out_exists = SOUP_STATUS_IS_SUCCESSFUL (status);
  if (status == SOUP_STATUS_NOT_FOUND)
    return TRUE;
  if (!*out_exists)
    {
      set_status_error (self, response, key, error);
      return FALSE;
    }
  if (out_size != NULL)
    *out_size = soup_message_headers_get_content_length (co_http_response_get_headers (response));
  return TRUE;
}

/**
 * co_s3_put:
 * @self: a bucket
 * @key: the object's key
 * @body: its bytes
 * @sha256: (nullable): their SHA-256 in lowercase hex, when known
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the object is stored
 */
gboolean
co_s3_put (CoS3          *self,
           const char    *key,
           GBytes        *body,
           const char    *sha256,
           GCancellable  *cancellable,
           GError       **error)
{
  Call call = { "PUT", key, NULL, body, sha256, TRUE };
  g_autoptr(CoHttpResponse) response = NULL;

  g_return_val_if_fail (CO_IS_S3 (self), FALSE);
  g_return_val_if_fail (key != NULL && body != NULL, FALSE);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (co_http_response_get_status (response)))
    {
      set_status_error (self, response, key, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * co_s3_get:
 * @self: a bucket
 * @key: an object's key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the object's bytes, or %NULL with an
 *   error (%CO_MIRROR_ERROR_NOT_FOUND when it is not there)
 */
GBytes *
co_s3_get (CoS3          *self,
           const char    *key,
           GCancellable  *cancellable,
           GError       **error)
{
  Call call = { "GET", key, NULL, NULL, NULL, TRUE };
  g_autoptr(CoHttpResponse) response = NULL;
  guint status;

  g_return_val_if_fail (CO_IS_S3 (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return NULL;
  status = co_http_response_get_status (response);
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_autofree char *code = xml_text (co_http_response_get_body (response), "Code");

      if (g_strcmp0 (code, "NoSuchBucket") == 0)
        set_status_error (self, response, key, error);
      else
        g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_FOUND,
                     _("The S3 bucket at %s has no “%s”"), self->url, key);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (self, response, key, error);
      return NULL;
    }
  return g_bytes_ref (co_http_response_get_body (response));
}

/**
 * co_s3_create_multipart:
 * @self: a bucket
 * @key: the object's key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new upload's id
 */
char *
co_s3_create_multipart (CoS3          *self,
                        const char    *key,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Call call = { "POST", key, "uploads=", NULL, NULL, FALSE };
  g_autoptr(CoHttpResponse) response = NULL;
  char *upload_id;

  g_return_val_if_fail (CO_IS_S3 (self), NULL);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (co_http_response_get_status (response)))
    {
      set_status_error (self, response, key, error);
      return NULL;
    }
  upload_id = xml_text (co_http_response_get_body (response), "UploadId");
  if (upload_id == NULL || upload_id[0] == '\0')
    {
      g_free (upload_id);
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("The S3 server at %s started an upload of “%s” without an upload id"),
                   self->url, key);
      return NULL;
    }
  return upload_id;
}

/**
 * co_s3_upload_part:
 * @self: a bucket
 * @key: the object's key
 * @upload_id: the upload
 * @number: the part's number, from 1
 * @body: its bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the part's ETag, as completing needs it
 */
char *
co_s3_upload_part (CoS3          *self,
                   const char    *key,
                   const char    *upload_id,
                   int            number,
                   GBytes        *body,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *id = co_s3_uri_encode (upload_id, FALSE);
  g_autofree char *query = g_strdup_printf ("partNumber=%d&uploadId=%s", number, id);
  Call call = { "PUT", key, query, body, NULL, TRUE };
  g_autoptr(CoHttpResponse) response = NULL;
  const char *etag;

  g_return_val_if_fail (CO_IS_S3 (self), NULL);
  g_return_val_if_fail (number >= 1 && number <= 10000, NULL);

  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (co_http_response_get_status (response)))
    {
      set_status_error (self, response, key, error);
      return NULL;
    }
  etag = soup_message_headers_get_one (co_http_response_get_headers (response), "ETag");
  if (etag == NULL || etag[0] == '\0')
    {
      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("The S3 server at %s took part %d of “%s” without an ETag"), self->url,
                   number, key);
      return NULL;
    }
  return g_strdup (etag);
}

/**
 * co_s3_complete_multipart:
 * @self: a bucket
 * @key: the object's key
 * @upload_id: the upload
 * @etags: (element-type utf8): the parts' ETags, part 1 first
 * @out_no_upload: (out) (optional): set when the server no longer knows the
 *   upload (it expired or was completed), so it must start again
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the object is stored
 */
gboolean
co_s3_complete_multipart (CoS3          *self,
                          const char    *key,
                          const char    *upload_id,
                          GPtrArray     *etags,
                          gboolean      *out_no_upload,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *id = co_s3_uri_encode (upload_id, FALSE);
  g_autofree char *query = g_strdup_printf ("uploadId=%s", id);
  g_autoptr(GString) xml = g_string_new ("<CompleteMultipartUpload>");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CoHttpResponse) response = NULL;
  g_autofree char *code = NULL;
  Call call = { "POST", key, query, NULL, NULL, TRUE };

  g_return_val_if_fail (CO_IS_S3 (self), FALSE);

  if (out_no_upload != NULL)
    *out_no_upload = FALSE;
  for (guint i = 0; i < etags->len; i++)
    {
      g_autofree char *etag = g_markup_escape_text (g_ptr_array_index (etags, i), -1);

      g_string_append_printf (xml, "<Part><PartNumber>%u</PartNumber><ETag>%s</ETag></Part>",
                              i + 1, etag);
    }
  g_string_append (xml, "</CompleteMultipartUpload>");
  body = g_string_free_to_bytes (g_steal_pointer (&xml));
  call.body = body;
  response = send_call (self, &call, cancellable, error);
  if (response == NULL)
    return FALSE;
  /* S3 may answer 200 with an error in the body when the upload failed late. */
  code = xml_text (co_http_response_get_body (response), "Code");
  if (SOUP_STATUS_IS_SUCCESSFUL (co_http_response_get_status (response)) && code == NULL)
    return TRUE;
  /* S3 says NoSuchUpload or InvalidPart when it forgot the upload or a kept
   * part; s3rver fails with InternalError (it reads parts it does not have). */
  if (out_no_upload != NULL)
    *out_no_upload = g_strcmp0 (code, "NoSuchUpload") == 0 || g_strcmp0 (code, "InvalidPart") == 0 ||
                     g_strcmp0 (code, "InternalError") == 0;
  set_status_error (self, response, key, error);
  return FALSE;
}

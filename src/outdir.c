/*
 * outdir.c: the output folder and what is written into it, through
 * descriptors (openat, mkdirat, unlinkat, renameat2, fstatat without
 * following), with the run's lock that tells its hidden files from a
 * dead run's.
 */

#define _GNU_SOURCE	/* renameat2, syncfs */

#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "sha256.h"
#include "outdir.h"

#define LOCK_PREFIX	".khenthuong-"
#define LOCK_SUFFIX	".lock"
#define PART		".part-"
#define RM_DEPTH	4	/* folders in a folder removed, at most */

struct outdir {
	char	*path;
	int	 fd;
	int	 lockfd;		/* -1: no lock (none can be taken) */
	char	*lockname;
	char	 token[128];	/* host-pid-random */
};

/* "host-pid-random" into buf: no '/', '.' or '\n' in it. */
static void
token_new(char *buf, size_t sz)
{
	char			 host[64];
	unsigned char		 r[8];
	struct timespec		 ts;
	size_t			 i;

	if (gethostname(host, sizeof(host)) == -1)
		strcpy(host, "host");
	host[sizeof(host) - 1] = '\0';
	for (i = 0; host[i] != '\0'; i++)
		if (host[i] == '/' || host[i] == '.' || host[i] == '\n' ||
		    (unsigned char)host[i] < 0x20)
			host[i] = '_';
	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* No entropy yet: the clock, which differs between tries. */
		clock_gettime(CLOCK_REALTIME, &ts);
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(((unsigned long)ts.tv_nsec >>
			    (i * 4)) ^ ((unsigned long)ts.tv_sec >> i));
	}
	snprintf(buf, sz, "%s-%ld-%02x%02x%02x%02x%02x%02x%02x%02x", host,
	    (long)getpid(), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
}

/* Are two stats the same file? */
static int
same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

struct outdir *
outdir_open(const char *path, struct diag *d)
{
	struct outdir	*od;
	struct stat	 a, b;
	int		 tries, fd;

	if (mkdir(path, 0777) == -1 && errno != EEXIST) {
		diag_sys(d, _("%s: cannot create the output directory: %s"),
		    path, diag_errno(errno));
		return NULL;
	}
	/* The user's own name: a link to a folder is followed here only. */
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		diag_sys(d, _("%s: cannot create the output directory: %s"),
		    path, diag_errno(errno));
		return NULL;
	}
	od = xcalloc(1, sizeof(*od));
	od->path = xstrdup(path);
	od->fd = fd;
	od->lockfd = -1;
	for (tries = 0; tries < 100; tries++) {
		token_new(od->token, sizeof(od->token));
		free(od->lockname);
		od->lockname = xasprintf(LOCK_PREFIX "%s" LOCK_SUFFIX,
		    od->token);
		fd = openat(od->fd, od->lockname, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd == -1 && errno == EEXIST)
			continue;
		if (fd == -1) {
			diag_sys(d, _("%s: cannot write into the output "
			    "directory: %s"), path, diag_errno(errno));
			outdir_close(od);
			return NULL;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			if (errno == EWOULDBLOCK) {
				/* A cleaner holds it: it goes. */
				close(fd);
				continue;
			}
			/* No locks here: the run's files look alive. */
			od->lockfd = fd;
			break;
		}
		/* Still the file of that name (not a cleaner's victim)? */
		if (fstat(fd, &a) == 0 && fstatat(od->fd, od->lockname, &b,
		    AT_SYMLINK_NOFOLLOW) == 0 && same(&a, &b)) {
			od->lockfd = fd;
			break;
		}
		close(fd);
	}
	if (od->lockfd == -1) {
		diag_sys(d, _("%s: cannot write into the output directory: %s"),
		    path, diag_errno(EEXIST));
		outdir_close(od);
		return NULL;
	}
	return od;
}

void
outdir_close(struct outdir *od)
{
	if (od == NULL)
		return;
	if (od->lockfd != -1) {
		/* Unlinked first: nobody sees it unlocked. */
		(void)unlinkat(od->fd, od->lockname, 0);
		close(od->lockfd);
	}
	if (od->fd != -1)
		close(od->fd);
	free(od->lockname);
	free(od->path);
	free(od);
}

const char *
outdir_path(const struct outdir *od)
{
	return od->path;
}

int
outdir_fd(const struct outdir *od)
{
	return od->fd;
}

/* Is s all of n digits, or hex digits? */
static int
digits(const char *s, size_t n, int hex)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(hex && s[i] >= 'a' &&
		    s[i] <= 'f'))
			return 0;
	return n > 0;
}

/*
 * Is t a token this program makes, now (host-PID-16 hex digits) or did
 * before (a PID; host-PID)?  A user's own hidden file is left alone.
 */
static int
token_like(const char *t)
{
	const char	*a, *b;
	size_t		 len = strlen(t);

	if (digits(t, len, 0))
		return 1;
	if ((b = strrchr(t, '-')) == NULL || b == t)
		return 0;
	if (digits(b + 1, strlen(b + 1), 0))
		return 1;		/* host-PID */
	if (strlen(b + 1) != 16 || !digits(b + 1, 16, 1))
		return 0;
	for (a = b - 1; a > t && *a != '-'; a--)
		continue;
	return *a == '-' && a > t && digits(a + 1, (size_t)(b - a - 1), 0);
}

/*
 * The token of a hidden name of ours (".X.part-TOKEN", ".X.part-TOKEN.N",
 * ".khenthuong-TOKEN.lock") into buf, or 0 if name is not one.
 */
static int
token_of(const char *name, char *buf, size_t sz)
{
	const char	*p, *q, *e;
	size_t		 len;

	if (name[0] != '.')
		return 0;
	len = strlen(name);
	if (strncmp(name, LOCK_PREFIX, strlen(LOCK_PREFIX)) == 0 &&
	    len > strlen(LOCK_PREFIX) + strlen(LOCK_SUFFIX) &&
	    strcmp(name + len - strlen(LOCK_SUFFIX), LOCK_SUFFIX) == 0) {
		p = name + strlen(LOCK_PREFIX);
		e = name + len - strlen(LOCK_SUFFIX);
	} else {
		for (p = NULL, q = name; (q = strstr(q, PART)) != NULL; q++)
			p = q;
		if (p == NULL || p == name)
			return 0;
		p += strlen(PART);
		if ((e = strchr(p, '.')) == NULL)
			e = p + strlen(p);
	}
	if (e == p || (size_t)(e - p) >= sz)
		return 0;
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return token_like(buf);
}

/*
 * Is the run of token gone?  Its lock file is missing, or its lock is
 * free (taken and let go here).  Anything uncertain is a live run.
 */
static int
gone(const struct outdir *od, const char *token)
{
	struct stat	 st;
	char		*name;
	int		 fd, rc;

	if (strcmp(token, od->token) == 0)
		return 0;
	name = xasprintf(LOCK_PREFIX "%s" LOCK_SUFFIX, token);
	if (fstatat(od->fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
		free(name);
		return errno == ENOENT;
	}
	/* Not a file of ours (a link, a device): nothing is opened. */
	fd = S_ISREG(st.st_mode) ? openat(od->fd, name, O_RDWR |
	    O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK) : -1;
	free(name);
	if (fd == -1)
		return 0;
	rc = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return rc;
}

/*
 * Remove name of at: a file or link by unlinkat, a folder by its
 * descriptor, entry by entry, depth folders deep at most (two passes, for
 * what was added meanwhile).  0, or -1 with errno.
 */
static int
rm_at(int at, const char *name, int depth)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*dp;
	int		 fd, pass;

	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(at, name, 0) == -1 && errno != ENOENT ?
		    -1 : 0;
	if (depth <= 0)
		return -1;
	for (pass = 0; pass < 2; pass++) {
		fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd == -1)
			return errno == ENOENT ? 0 : -1;
		if ((dp = fdopendir(fd)) == NULL) {
			close(fd);
			return -1;
		}
		/* What cannot go makes the folder's removal fail. */
		while ((de = readdir(dp)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				(void)rm_at(dirfd(dp), de->d_name, depth - 1);
		closedir(dp);
		if (unlinkat(at, name, AT_REMOVEDIR) == 0 ||
		    errno == ENOENT)
			return 0;
		if (errno != ENOTEMPTY && errno != EEXIST)
			return -1;
	}
	return -1;
}

/* Remove the dead run's name of dirfd, or say it stays. */
static void
rm_litter(int dirfd, const char *shown, const char *name, struct diag *d)
{
	if (rm_at(dirfd, name, RM_DEPTH) == -1)
		diag_warn_sys(d, _("%s/%s: cannot remove what an interrupted "
		    "run left (%s); remove it by hand"), shown, name,
		    diag_errno(errno));
}

void
outdir_clean_stale(struct outdir *od, struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		 tok[128], **locks = NULL;
	size_t		 nlocks = 0, cap = 0, i;
	int		 fd;

	if ((fd = openat(od->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || (dp = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!token_of(de->d_name, tok, sizeof(tok)) ||
		    !gone(od, tok))
			continue;
		if (strncmp(de->d_name, LOCK_PREFIX, strlen(LOCK_PREFIX)) ==
		    0 && strstr(de->d_name, PART) == NULL) {
			/* Lock files last: their folders first. */
			locks = xgrow(locks, &cap, nlocks + 1, sizeof(*locks));
			locks[nlocks++] = xstrdup(de->d_name);
			continue;
		}
		rm_litter(od->fd, od->path, de->d_name, d);
	}
	closedir(dp);
	for (i = 0; i < nlocks; i++) {
		if (token_of(locks[i], tok, sizeof(tok)) && gone(od, tok))
			rm_litter(od->fd, od->path, locks[i], d);
		free(locks[i]);
	}
	free(locks);
}

void
outdir_clean_parts(struct outdir *od, int dirfd, const char *shown,
    struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		 tok[128];
	int		 fd;

	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || (dp = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL)
		if (strstr(de->d_name, PART) != NULL &&
		    token_of(de->d_name, tok, sizeof(tok)) && gone(od, tok))
			rm_litter(dirfd, shown, de->d_name, d);
	closedir(dp);
}

/* Record what dir names now, from its descriptor fd. */
static int
dir_record(int fd, struct outdir_dir *dir)
{
	struct stat	 st;

	if (fstat(fd, &st) == -1)
		return -1;
	dir->dev = st.st_dev;
	dir->ino = st.st_ino;
	return 0;
}

int
outdir_tmp_new(struct outdir *od, const char *id, struct outdir_dir *dir,
    struct diag *d)
{
	char	*name;
	int	 n, fd;

	memset(dir, 0, sizeof(*dir));
	for (n = 0; n < 1000; n++) {
		name = n == 0 ? xasprintf(".%s" PART "%s", id, od->token) :
		    xasprintf(".%s" PART "%s.%d", id, od->token, n);
		if (mkdirat(od->fd, name, 0777) == 0) {
			fd = openat(od->fd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (fd != -1 && dir_record(fd, dir) == 0) {
				close(fd);
				dir->name = name;
				return 0;
			}
			if (fd != -1)
				close(fd);
		}
		if (errno != EEXIST) {
			diag_sys(d, _("%s: cannot write into the output "
			    "directory: %s"), od->path, diag_errno(errno));
			free(name);
			return -1;
		}
		free(name);
	}
	diag_sys(d, _("%s: cannot write into the output directory: %s"),
	    od->path, diag_errno(EEXIST));
	return -1;
}

int
outdir_final(struct outdir *od, const char *id, struct outdir_dir *dir,
    struct diag *d)
{
	struct stat	 st;
	int		 fd;

	memset(dir, 0, sizeof(*dir));
	if (mkdirat(od->fd, id, 0777) == -1 && errno != EEXIST) {
		diag_sys(d, _("%s: cannot write into the output directory: %s"),
		    od->path, diag_errno(errno));
		return -1;
	}
	if (fstatat(od->fd, id, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISDIR(st.st_mode)) {
		diag_sys(d, S_ISLNK(st.st_mode) ?
		    _("%s/%s: is a symbolic link, not a folder; --shard writes "
		    "only into the dossier's own folder: remove the link") :
		    _("%s/%s: is not a folder; --shard writes only into the "
		    "dossier's own folder: move it away"), od->path, id);
		return -1;
	}
	fd = openat(od->fd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 || dir_record(fd, dir) == -1) {
		diag_sys(d, "%s/%s: %s", od->path, id, diag_errno(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	dir->name = xstrdup(id);
	return 0;
}

void
outdir_dir_free(struct outdir_dir *dir)
{
	free(dir->name);
	dir->name = NULL;
}

int
outdir_dir_fd(const struct outdir *od, const struct outdir_dir *dir,
    struct diag *d)
{
	struct stat	 st;
	int		 fd;

	fd = openat(od->fd, dir->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd != -1 && fstat(fd, &st) == 0 && st.st_dev == dir->dev &&
	    st.st_ino == dir->ino)
		return fd;
	if (fd != -1)
		close(fd);
	diag_sys(d, _("%s/%s: the folder was removed or replaced while it "
	    "was written"), od->path, dir->name);
	return -1;
}

int
outdir_old_fd(const struct outdir *od, const char *path, const char *id)
{
	int	 top, fd;

	if (od != NULL)
		top = od->fd;
	else if ((top = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return -1;
	fd = openat(top, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (od == NULL)
		close(top);
	return fd;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
outdir_sort(char **names, size_t n)
{
	if (n > 1)
		qsort(names, n, sizeof(*names), cmpstr);
}

/* The entries of dirfd not hidden: regular files, or all but folders. */
static char **
list_at(int dirfd, int all, size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		**v = NULL;
	size_t		 cap = 0;
	int		 fd;

	*n = 0;
	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return NULL;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || fstatat(dirfd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1 || S_ISDIR(st.st_mode) ||
		    (!all && !S_ISREG(st.st_mode)))
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	outdir_sort(v, *n);
	return v;
}

char **
outdir_list(int dirfd, size_t *n)
{
	return list_at(dirfd, 0, n);
}

char **
outdir_list_all(int dirfd, size_t *n)
{
	return list_at(dirfd, 1, n);
}

void
outdir_list_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
outdir_create(int dirfd, const char *name)
{
	return openat(dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
}

char *
outdir_part(const struct outdir *od, const char *name)
{
	return xasprintf(".%s" PART "%s", name, od->token);
}

void
outdir_made(int fd, struct outdir_made *m)
{
	struct stat	 st;

	if (fstat(fd, &st) == -1) {
		m->size = -1;
		m->ino = 0;
		return;
	}
	m->size = (long long)st.st_size;
	m->ino = (unsigned long long)st.st_ino;
}

int
outdir_write_all(int fd, const void *p, size_t len)
{
	const char	*s = p;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int
outdir_copy(int from, int to, const char *name, struct outdir_made *m,
    const char *shown, struct diag *d)
{
	struct stat	 st;
	char		 buf[65536];
	ssize_t		 n;
	int		 in, out, e = 0;

	in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (in == -1 || fstat(in, &st) == -1 || !S_ISREG(st.st_mode)) {
		e = in == -1 ? errno : EINVAL;
		if (in != -1)
			close(in);
		diag_sys(d, _("%s/%s: cannot copy: %s"), shown, name,
		    diag_errno(e));
		return -1;
	}
	if ((out = outdir_create(to, name)) == -1) {
		e = errno;
		close(in);
		diag_sys(d, _("%s/%s: cannot copy: %s"), shown, name,
		    diag_errno(e));
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || outdir_write_all(out, buf, (size_t)n) == -1) {
			e = errno;
			break;
		}
	}
	close(in);
	if (e == 0 && fsync(out) == -1)
		e = errno;
	outdir_made(out, m);
	if (close(out) == -1 && e == 0)
		e = errno;
	if (e != 0) {
		diag_sys(d, _("%s/%s: cannot copy: %s"), shown, name,
		    diag_errno(e));
		return -1;
	}
	return 0;
}

int
outdir_check(int dirfd, char *const *names, const struct outdir_made *m,
    size_t n, const char *shown, int kept, struct diag *d)
{
	struct stat	 st;
	size_t		 i, bad = 0;

	for (i = 0; i < n; i++)
		if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode) || m[i].size <= 0 ||
		    (long long)st.st_size != m[i].size ||
		    (unsigned long long)st.st_ino != m[i].ino)
			bad++;
	if (bad == 0)
		return 0;
	if (kept)
		diag_sys(d, ngettext("%s: %zu of the %zu files written is "
		    "missing or incomplete (the folder was changed while it "
		    "was written); the old folder is kept",
		    "%s: %zu of the %zu files written are missing or "
		    "incomplete (the folder was changed while it was written); "
		    "the old folder is kept", bad), shown, bad, n);
	else
		diag_sys(d, ngettext("%s: %zu of the %zu files written is "
		    "missing or incomplete (the folder was changed while it "
		    "was written)", "%s: %zu of the %zu files written are "
		    "missing or incomplete (the folder was changed while it "
		    "was written)", bad), shown, bad, n);
	return -1;
}

int
outdir_manifest(const struct outdir *od, int dirfd, char *const *names,
    size_t n, const char *shown, struct diag *d)
{
	struct stat	 st;
	struct buf	 b;
	char		*part, hex[65];
	size_t		 i;
	int		 fd, out, rc = 0;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < n && rc == 0; i++) {
		fd = openat(dirfd, names[i], O_RDONLY | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC);
		if (fd == -1 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
		    sha256_fd(fd, hex) == -1) {
			diag_sys(d, "%s/%s: %s", shown, names[i],
			    diag_errno(fd == -1 ? errno : EINVAL));
			rc = -1;
		} else
			buf_printf(&b, "%s  %s\n", hex, names[i]);
		if (fd != -1)
			close(fd);
	}
	if (rc == -1) {
		buf_free(&b);
		return -1;
	}
	part = outdir_part(od, "manifest.sha256");
	(void)unlinkat(dirfd, part, 0);
	if ((out = outdir_create(dirfd, part)) == -1 ||
	    outdir_write_all(out, b.s != NULL ? b.s : "", b.len) == -1 ||
	    fsync(out) == -1) {
		diag_sys(d, "%s/manifest.sha256: %s", shown,
		    diag_errno(errno));
		rc = -1;
	}
	if (out != -1 && close(out) == -1 && rc == 0) {
		diag_sys(d, "%s/manifest.sha256: %s", shown,
		    diag_errno(errno));
		rc = -1;
	}
	if (rc == 0 && renameat(dirfd, part, dirfd, "manifest.sha256") ==
	    -1) {
		diag_sys(d, "%s/manifest.sha256: %s", shown,
		    diag_errno(errno));
		rc = -1;
	}
	if (rc == -1)
		(void)unlinkat(dirfd, part, 0);
	free(part);
	buf_free(&b);
	return rc;
}

int
outdir_swap(struct outdir *od, const struct outdir_dir *tmp, const char *id,
    struct diag *d)
{
	struct stat	 st;
	int		 fd;

	if ((fd = outdir_dir_fd(od, tmp, d)) == -1)
		return -1;
	if (syncfs(fd) == -1) {
		diag_sys(d, "%s/%s: %s", od->path, tmp->name,
		    diag_errno(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (renameat2(od->fd, tmp->name, od->fd, id, RENAME_NOREPLACE) == 0)
		goto done;
	if (errno == EINVAL && fstatat(od->fd, id, &st,
	    AT_SYMLINK_NOFOLLOW) == -1 && errno == ENOENT &&
	    renameat(od->fd, tmp->name, od->fd, id) == 0)
		goto done;		/* no RENAME_NOREPLACE here */
	if (renameat2(od->fd, tmp->name, od->fd, id, RENAME_EXCHANGE) == -1) {
		diag_sys(d, _("%s/%s: cannot replace the old folder: %s"),
		    od->path, id, diag_errno(errno));
		return -1;
	}
	/* tmp->name is now the old folder, or a link, or a file. */
	outdir_discard(od, tmp->name, d);
done:
	(void)fsync(od->fd);
	return 0;
}

void
outdir_discard(struct outdir *od, const char *name, struct diag *d)
{
	if (rm_at(od->fd, name, RM_DEPTH) == -1)
		diag_warn_sys(d, _("%s/%s: cannot remove the old folder (%s); "
		    "remove it by hand"), od->path, name, diag_errno(errno));
}

char *
outdir_dir_of(const char *path)
{
	const char	*s = strrchr(path, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(s - path));
}

int
outdir_file_new(const char *path, struct outdir_file *f, struct diag *d)
{
	const char	*s = strrchr(path, '/');
	char		*dir, tok[128];
	int		 fd, n;

	memset(f, 0, sizeof(*f));
	f->dirfd = f->keep = -1;
	f->path = path;
	f->base = xstrdup(s != NULL ? s + 1 : path);
	dir = outdir_dir_of(path);
	if (f->base[0] == '\0' || strcmp(f->base, ".") == 0 ||
	    strcmp(f->base, "..") == 0) {
		diag_sys(d, _("%s: cannot write the file: %s"), path,
		    diag_errno(EISDIR));
		goto fail;
	}
	/* The folder, as the user named it; the file itself, never. */
	if ((f->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		diag_sys(d, _("%s: cannot write the file: %s"), path,
		    diag_errno(errno));
		goto fail;
	}
	for (n = 0; n < 100; n++) {
		token_new(tok, sizeof(tok));
		free(f->tmp);
		f->tmp = xasprintf(".%s" PART "%s", f->base, tok);
		if ((fd = outdir_create(f->dirfd, f->tmp)) != -1)
			break;
		if (errno != EEXIST)
			break;
	}
	if (fd == -1 || (f->keep = dup(fd)) == -1) {
		diag_sys(d, _("%s: cannot create a file in the directory %s: "
		    "%s"), path, dir, diag_errno(errno));
		if (fd != -1) {
			close(fd);
			(void)unlinkat(f->dirfd, f->tmp, 0);
		}
		goto fail;
	}
	free(dir);
	return fd;
fail:
	free(dir);
	if (f->dirfd != -1)
		close(f->dirfd);
	f->dirfd = -1;
	free(f->base);
	free(f->tmp);
	f->base = f->tmp = NULL;
	return -1;
}

int
outdir_file_end(struct outdir_file *f, int ok, struct diag *d)
{
	struct stat	 st;
	int		 rc = -1;

	if (f->dirfd == -1)
		return -1;
	if (ok) {
		if (fsync(f->keep) == -1 || fstat(f->keep, &st) == -1 ||
		    st.st_size == 0)
			diag_sys(d, _("%s: cannot write the file: %s"),
			    f->path, diag_errno(errno));
		else if (renameat(f->dirfd, f->tmp, f->dirfd, f->base) == -1)
			diag_sys(d, _("%s: cannot write the file: %s"),
			    f->path, diag_errno(errno));
		else {
			(void)fsync(f->dirfd);
			rc = 0;
		}
	}
	if (rc == -1)
		(void)unlinkat(f->dirfd, f->tmp, 0);
	close(f->keep);
	close(f->dirfd);
	free(f->base);
	free(f->tmp);
	memset(f, 0, sizeof(*f));
	f->dirfd = f->keep = -1;
	return rc;
}

FILE *
outdir_fopen_in(const char *path, const char *name)
{
	FILE	*fp;
	int	 dirfd, fd;

	(void)mkdir(path, 0777);
	if ((dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return NULL;
	if (unlinkat(dirfd, name, 0) == -1 && errno != ENOENT) {
		close(dirfd);
		return NULL;
	}
	fd = outdir_create(dirfd, name);
	close(dirfd);
	if (fd == -1)
		return NULL;
	if ((fp = fdopen(fd, "w")) == NULL)
		close(fd);
	return fp;
}

/*
 * outdir.h: the output folder (-o DIR) and every file the program writes
 * there, by descriptors: nothing outside it is written or removed, no
 * link inside it is followed, and a folder is swapped in only with every
 * file it was meant to hold.  Included by render.c, batch.c, pool.c,
 * calibrate.c and dossier_out.c.
 */

#ifndef OUTDIR_H
#define OUTDIR_H

#include <sys/types.h>

#include <stdio.h>

struct diag;
struct outdir;

/* A folder of ours inside -o: its name there and its identity. */
struct outdir_dir {
	char	*name;		/* NULL: none */
	dev_t	 dev;
	ino_t	 ino;
};

/* What a file of ours was when its writer closed it. */
struct outdir_made {
	long long	 size;		/* -1: not made */
	unsigned long long ino;
};

/*
 * Open -o path (made if missing; the user named it, so it may be a link
 * to a folder) and hold the run's lock: a file .khenthuong-TOKEN.lock
 * there, locked with flock(LOCK_EX) until outdir_close(), TOKEN being
 * host, PID and a random part.  Every hidden name the run makes ends in
 * ".part-TOKEN", so that another run tells a dead run's litter (its lock
 * free or gone) from a live one's.  NULL after reporting.
 */
struct outdir	*outdir_open(const char *path, struct diag *);
/* Release the lock and remove its file; od may be NULL. */
void		 outdir_close(struct outdir *);
const char	*outdir_path(const struct outdir *);
/* The descriptor of -o, for the rest of this module's calls. */
int		 outdir_fd(const struct outdir *);

/*
 * Remove what dead runs left directly in -o: .NAME.part-TOKEN folders and
 * files, and their lock files.  A link is removed as a link.  What cannot
 * be removed is named in a warning.
 */
void		 outdir_clean_stale(struct outdir *, struct diag *);
/* The same for the .NAME.part-TOKEN files of the folder at dirfd. */
void		 outdir_clean_parts(struct outdir *, int dirfd,
		    const char *shown, struct diag *);

/*
 * A new hidden folder .ID.part-TOKEN in -o (mkdirat; another name when
 * it exists), into dir (name freed by outdir_dir_free()).  0, or -1
 * after reporting.
 */
int		 outdir_tmp_new(struct outdir *, const char *id,
		    struct outdir_dir *, struct diag *);
/*
 * The folder ID of -o for --shard, made if missing.  A link or anything
 * but a folder there is refused (reported, naming it).  0, or -1.
 */
int		 outdir_final(struct outdir *, const char *id,
		    struct outdir_dir *, struct diag *);
void		 outdir_dir_free(struct outdir_dir *);
/*
 * The descriptor of a folder of ours, if it is still the one made
 * (reported if it was removed or replaced).  The caller closes it.
 * -1 after reporting.
 */
int		 outdir_dir_fd(const struct outdir *, const struct outdir_dir *,
		    struct diag *);
/*
 * The descriptor of the folder ID of the -o folder at path, when it is a
 * folder (not a link); -1 otherwise.  path may be NULL for od's.
 */
int		 outdir_old_fd(const struct outdir *, const char *path,
		    const char *id);

/* Sort n file names in place, as the listings and manifests are. */
void		 outdir_sort(char **, size_t n);
/* The regular files of dirfd not hidden, sorted; the caller frees. */
char		**outdir_list(int dirfd, size_t *n);
/* The same with links and whatever else is not a folder. */
char		**outdir_list_all(int dirfd, size_t *n);
void		 outdir_list_free(char **, size_t);

/*
 * A new file name in dirfd (O_CREAT|O_EXCL|O_NOFOLLOW), read and written;
 * its descriptor, or -1 with errno.
 */
int		 outdir_create(int dirfd, const char *name);
/* Its hidden name while written: ".NAME.part-TOKEN".  New string. */
char		*outdir_part(const struct outdir *, const char *name);
/* What the file at fd is (after the writer's last write). */
void		 outdir_made(int fd, struct outdir_made *);
/* Write all len bytes to fd (again after EINTR).  0, or -1 with errno. */
int		 outdir_write_all(int fd, const void *, size_t len);
/*
 * Copy the regular file name of from into to (a link is not copied).
 * 0 with *m, or -1 after reporting (shown: to's folder in messages).
 */
int		 outdir_copy(int from, int to, const char *name,
		    struct outdir_made *m, const char *shown, struct diag *);
/*
 * Are the n files names of dirfd there, each a regular file that is the
 * one made (m[i])?  0, or -1 after reporting the folder shown and how
 * many are missing (kept: the old folder is kept).
 */
int		 outdir_check(int dirfd, char *const *names,
		    const struct outdir_made *m, size_t n, const char *shown,
		    int kept, struct diag *);
/*
 * Write manifest.sha256 of the n files names of dirfd (sorted), each
 * hashed from the file itself (a regular file), through a hidden part
 * renamed over it.  0, or -1 after reporting.
 */
int		 outdir_manifest(const struct outdir *, int dirfd,
		    char *const *names, size_t n, const char *shown,
		    struct diag *);
/*
 * Put the finished folder tmp in place of -o/ID (synced first): renamed
 * there, or exchanged with what is there, which is then removed (a link
 * as a link).  0, or -1 after reporting.
 */
int		 outdir_swap(struct outdir *, const struct outdir_dir *tmp,
		    const char *id, struct diag *);
/*
 * Remove name of -o, a folder of ours: its files, a link as a link; what
 * cannot be removed is named in a warning.
 */
void		 outdir_discard(struct outdir *, const char *name,
		    struct diag *);

/* The folder part of path ("." if none, "/" at the root).  New string. */
char		*outdir_dir_of(const char *path);

/* One file written whole under a temporary name, then renamed. */
struct outdir_file {
	int	 dirfd;
	int	 keep;		/* a second descriptor of the file */
	char	*base;		/* the final name in dirfd */
	char	*tmp;		/* the temporary one */
	const char *path;	/* as given, for messages */
};

/*
 * Begin the file path: a new hidden name beside it, created O_EXCL.
 * Returns the descriptor to write to (the caller's), or -1 after
 * reporting.
 */
int		 outdir_file_new(const char *path, struct outdir_file *,
		    struct diag *);
/*
 * Synced and renamed over path (a link there is replaced, its target
 * untouched); 0, or -1 after reporting (the temporary name removed).
 * ok 0: just remove it.
 */
int		 outdir_file_end(struct outdir_file *, int ok, struct diag *);

/*
 * A new file name in the folder path (made if missing; named by the user,
 * it may be a link), replacing a file of that name (a link as a link).
 * NULL when it cannot be made.
 */
FILE		*outdir_fopen_in(const char *path, const char *name);

#endif /* !OUTDIR_H */

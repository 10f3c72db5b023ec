package io.peaktrade.watch.exporter.tail;

/**
 * Where reading stands in one file: its identity ({@code fileKey}: device and inode, and a hash of
 * its first bytes up to the offset, so a recycled inode is not mistaken for it) and the offset of
 * the first byte not yet delivered as a line.
 *
 * @param current whether it is the file at the followed path (else a rotated-away one)
 */
public record FilePosition(String fileKey, long offset, String headSha256, boolean current) {}

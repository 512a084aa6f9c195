/**
 * Reading the files people bring in (CSV the way the export engine writes it, and others'): what every reader of
 * such files shares — the separator a file uses, counting bytes for progress.
 */
package dev.opsdesk.desktop.export.read;

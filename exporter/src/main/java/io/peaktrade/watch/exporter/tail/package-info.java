/** Types here say where null may be: JSpecify, checked by NullAway at compile time. */
@NullMarked
package io.peaktrade.watch.exporter.tail;

import org.jspecify.annotations.NullMarked;

<?php
/**
 * IP addresses: which ones are public, what a host name resolves to, and the network a visitor is counted by.
 *
 * @package RealtimeVoiceChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Plain range checks on packed addresses (inet_pton), the same on every PHP version: no reliance on filter_var's
 * changing idea of "reserved".
 */
class Realtime_Voice_Chat_Addresses {
	/** Ranges the site's key may never be sent to. IPv6 forms that embed an IPv4 address are refused whole. */
	const NOT_PUBLIC = array(
		'0.0.0.0/8',       // "This" network.
		'10.0.0.0/8',      // Private.
		'100.64.0.0/10',   // Carrier-grade NAT.
		'127.0.0.0/8',     // Loopback.
		'169.254.0.0/16',  // Link-local, where cloud metadata services answer.
		'172.16.0.0/12',   // Private.
		'192.0.0.0/24',    // IETF protocol assignments.
		'192.168.0.0/16',  // Private.
		'198.18.0.0/15',   // Benchmarking.
		'224.0.0.0/4',     // Multicast.
		'240.0.0.0/4',     // Reserved, and the broadcast address.
		'::/96',           // Unspecified, loopback (::1), IPv4-compatible.
		'::ffff:0:0/96',   // IPv4-mapped.
		'64:ff9b::/96',    // NAT64.
		'64:ff9b:1::/48',  // Local NAT64.
		'100::/64',        // Discard.
		'2001::/32',       // Teredo (embeds an IPv4 address).
		'2002::/16',       // 6to4 (embeds an IPv4 address).
		'fc00::/7',        // Unique local.
		'fe80::/10',       // Link-local.
		'fec0::/10',       // Site-local (deprecated).
		'ff00::/8',        // Multicast.
	);
	/** This machine. */
	const LOOPBACK = array( '127.0.0.0/8', '::1/128' );

	/** Whether an address is a public internet address (false for anything that is not an address). */
	public static function is_public( $ip ) {
		return self::is_ip( $ip ) && ! self::in_any( $ip, self::NOT_PUBLIC );
	}

	/** Whether an address is a loopback one. */
	public static function is_loopback( $ip ) {
		return self::is_ip( $ip ) && self::in_any( $ip, self::LOOPBACK );
	}

	/**
	 * Every address a URL's host stands for: an IP literal (`[::1]` too) as it is; a name through the system's resolver
	 * (hosts file included, IPv4) and DNS (IPv4 and IPv6). A name the system resolves to a non-public address is
	 * returned at once: it is refused anyway, and DNS is not asked. Empty when nothing resolves.
	 *
	 * @param string $host A URL's host.
	 */
	public static function resolve( $host ) {
		$host = trim( (string) $host, '[]' );
		if ( self::is_ip( $host ) ) {
			return array( inet_ntop( inet_pton( $host ) ) );
		}
		$system = gethostbynamel( $host );
		$found  = is_array( $system ) ? $system : array();
		foreach ( $found as $ip ) {
			if ( ! self::is_public( $ip ) ) {
				return $found;
			}
		}
		// Failure is an empty answer, not a warning.
		$records = @dns_get_record( $host, DNS_A | DNS_AAAA ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		foreach ( is_array( $records ) ? $records : array() as $record ) {
			$ip = isset( $record['ipv6'] ) ? $record['ipv6'] : ( isset( $record['ip'] ) ? $record['ip'] : '' );
			if ( self::is_ip( $ip ) ) {
				$found[] = inet_ntop( inet_pton( $ip ) );
			}
		}
		return array_values( array_unique( $found ) );
	}

	/**
	 * Who the rate limit counts: an IPv4 address as it is, an IPv6 one by its /64 (one subscriber's network, which
	 * hands out addresses freely), anything else (a filter's own id) as it is.
	 *
	 * @param string $visitor An address, or an id.
	 */
	public static function network_of( $visitor ) {
		if ( ! self::is_ip( $visitor ) ) {
			return (string) $visitor;
		}
		$packed = inet_pton( $visitor );
		if ( 4 === strlen( $packed ) ) {
			return inet_ntop( $packed );
		}
		if ( self::in_any( $visitor, array( '::ffff:0:0/96' ) ) ) {
			return inet_ntop( substr( $packed, 12 ) );
		}
		return inet_ntop( substr( $packed, 0, 8 ) . str_repeat( "\0", 8 ) ) . '/64';
	}

	private static function is_ip( $ip ) {
		return is_string( $ip ) && false !== filter_var( $ip, FILTER_VALIDATE_IP );
	}

	/** Whether an address lies in one of the ranges (`address/bits`); an IPv4 range never matches an IPv6 address. */
	private static function in_any( $ip, $ranges ) {
		$packed = inet_pton( $ip );
		foreach ( $ranges as $range ) {
			list( $network, $bits ) = explode( '/', $range );
			$network                = inet_pton( $network );
			$bits                   = (int) $bits;
			if ( strlen( $network ) !== strlen( $packed ) ) {
				continue;
			}
			$bytes = intdiv( $bits, 8 );
			$mask  = ( 0xff << ( 8 - $bits % 8 ) ) & 0xff;
			$whole = substr( $packed, 0, $bytes ) === substr( $network, 0, $bytes );
			if ( $whole && ( 0 === $bits % 8 || ( ord( $packed[ $bytes ] ) & $mask ) === ( ord( $network[ $bytes ] ) & $mask ) ) ) {
				return true;
			}
		}
		return false;
	}
}

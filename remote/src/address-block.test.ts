import { describe, expect, it } from 'vitest';
import { addressBlock } from './address-block.js';

describe('address block for anonymous limits', () => {
  it('puts every address of one IPv6 /64 in one block, whatever its spelling', () => {
    const block = addressBlock('2001:db8:1:2::1');
    expect(block).toBe('2001:db8:1:2::/64');
    for (const ip of ['2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::a:b%eth0', '2001:db8:1:2::192.0.2.1']) expect(addressBlock(ip)).toBe(block);
    expect(addressBlock('2001:db8:1:3::1')).not.toBe(block);
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps IPv4 addresses whole, also when IPv4-mapped, and leaves a non-address alone', () => {
    expect(addressBlock('198.51.100.20')).toBe('198.51.100.20');
    expect(addressBlock('::ffff:198.51.100.20')).toBe('198.51.100.20');
    expect(addressBlock('198.51.100.21')).toBe('198.51.100.21');
    expect(addressBlock('unknown')).toBe('unknown');
  });
});

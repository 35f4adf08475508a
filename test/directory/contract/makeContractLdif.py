"""Writes test/fixtures/ldap/contract.ldif: the contract suite's directory (deterministic; run from the repo root)."""
import base64
import re
import random

rng = random.Random(12)
BASE = 'DC=contoso,DC=com'
# (OU RDN value as written in DNs, an alternative spelling of the same value or None)
OUS = [
    ('Sales\\2C EMEA', 'Sales\\, EMEA'),
    ('Sales EMEA', None),
    ('Sales\\, EMEA West', 'Sales\\2C EMEA West'),
    ('Sales\\2CEMEA', None),
    ('M\\C3\\BCnchen', 'München'),
    ('Munchen', None),
    ('Zürich', 'Z\\C3\\BCrich'),
    ('R&D', None),
    ('R\\+D', 'R\\2BD'),
    ('Finance', 'FINANCE'),
    ('Finance2', None),
    ('Finance-Old', None),
    ('São Paulo', None),
    ('東京', None),
    ('\\#Hash', '\\23Hash'),
    ('Support\\;Tier1', 'Support\\3BTier1'),
    ('Quote\\"Team', 'Quote\\22Team'),
    ('Ops\\<EU\\>', 'Ops\\3CEU\\3E'),
    ('Legal\\=Compliance', 'Legal=Compliance'),
    ('Back\\\\slash', 'Back\\5Cslash'),
    ('HR', None),
    ('IT', None),
]
NESTED = [('Payroll', 'Finance'), ('Labs', 'R&D'), ('Nord', 'Sales\\2C EMEA')]
GIVEN = ['Ken', 'Pilar', 'Wei', 'José', 'Zoë', 'Björn', 'Ana', 'Li', 'Ngozi', 'Anders', 'Renée', 'Omar', 'Yuki', 'Sam']
SURN = ['Myer', 'Ackerman', 'Ng', 'Müller', 'Smith', 'Øster', 'Haas', 'Lo', 'Okafor', 'Brandt', 'Delaney', 'Garcia', 'Sato', 'Lee']
TITLES = ['Manager', 'Engineer', 'Senior Engineer', 'Director', 'Analyst', 'Ingénieur', 'Team Lead', 'Manager, Sales', None]
DEPTS = ['Sales', 'R&D', 'Finance', 'IT', 'HR', 'Legal', 'Ops', None]
COMPANIES = ['Contoso', 'Contoso Ltd', 'Fabrikam', 'Ünited', None]
CITIES = ['Redmond', 'Seattle', 'München', 'Zürich', 'São Paulo', '東京', 'Oslo', None]
UAC = ['512', '514', '66048', '66050', '544']
EXT1 = ['5', '10', '42', 'abc', '9', '100', 'Zeta', None]
FLAGS = ['0', '128', '256', '384', '16']


def line(name, value):
    safe = all(32 <= ord(c) < 127 for c in value) and not value.startswith((' ', ':', '<')) and not value.endswith(' ')
    return f'{name}: {value}' if safe else f'{name}:: {base64.b64encode(value.encode()).decode()}'


def unescape(value):
    return re.sub(r'((?:\\[0-9A-Fa-f]{2})+)|\\(.)', lambda m: m.group(2) or bytes.fromhex(m.group(1).replace('\\', '')).decode(), value)


def escape_cn(cn, hex_style):
    return cn.replace(',', '\\2C' if hex_style else '\\,')


out = ['# The contract suite\'s directory: look-alike, hex-escaped and non-ASCII DNs (makeContractLdif.py writes it).']
out += ['', line('dn', BASE), 'objectClass: top', 'objectClass: dcObject', 'objectClass: organization', 'dc: contoso', 'o: Contoso']
ous = []
for value, _ in OUS:
    ous.append((f'OU={value},{BASE}', value))
for child, parent in NESTED:
    ous.append((f'OU={child},OU={parent},{BASE}', child))
for dn, value in ous:
    plain = unescape(value)
    out += ['', line('dn', dn), 'objectClass: top', 'objectClass: organizationalUnit', line('ou', plain)]
spellings = {f'OU={v},{BASE}': f'OU={alt},{BASE}' for v, alt in OUS if alt}
users = []
for i in range(330):
    ou_dn, _ = ous[i % len(ous)]
    # Every other user of an OU with two spellings is written with the other one.
    if (i // len(ous)) % 2 == 1 and ou_dn in spellings:
        ou_dn = spellings[ou_dn]
    given, sn = GIVEN[i % len(GIVEN)], SURN[(i * 7) % len(SURN)]
    comma = i % 5 == 0
    cn = f'{sn}, {given} {i:03d}' if comma else f'{given} {sn} {i:03d}'
    dn = f'CN={escape_cn(cn, i % 2 == 0)},{ou_dn}'
    users.append(dn)
    sam = f'u{i:03d}'
    e = ['', line('dn', dn), 'objectClass: top', 'objectClass: person', 'objectClass: organizationalPerson',
         'objectClass: inetOrgPerson', 'objectClass: user', 'objectClass: contractUser', line('cn', cn), line('sn', sn), line('givenName', given),
         line('displayName', cn), line('sAMAccountName', sam), f'userPrincipalName: {sam}@contoso.com',
         'objectCategory: CN=Person,CN=Schema,CN=Configuration,DC=contoso,DC=com']
    if i % 10 != 3:
        e.append(f'msRTCSIP-PrimaryUserAddress: sip:{sam}@contoso.com')
    # Lync-enabled users always carry msRTCSIP-UserEnabled (the import reads its absence as enabled).
    if i % 10 != 3 or i % 7 != 2:
        e.append(f'msRTCSIP-UserEnabled: {"TRUE" if i % 4 else "FALSE"}')
    for name, choices in (('title', TITLES), ('department', DEPTS), ('company', COMPANIES), ('l', CITIES), ('extensionAttribute1', EXT1)):
        value = rng.choice(choices)
        if value is not None:
            e.append(line(name, value))
    e.append(f'userAccountControl: {rng.choice(UAC)}')
    e.append(f'msRTCSIP-OptionFlags: {rng.choice(FLAGS)}')
    e.append(f'mail: {sam}@contoso.com')
    e.append(f'employeeID: {rng.randint(1, 2000)}')
    e.append(f'whenCreated: 20{rng.randint(15, 24):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 23):02d}0000.0Z')
    e.append(f'proxyAddresses: SMTP:{sam}@contoso.com')
    if i % 3 == 0:
        e.append(f'proxyAddresses: smtp:{given.lower()}.{i}@fabrikam.com')
    if i % 6 == 1:
        e.append(line('description', rng.choice(['(parens) here', 'star*man', 'back\\slash', 'plain text', 'Ünïcode'])))
    if i > 5 and i % 4 == 0:
        # Users 0 and 5 manage others; the value is written with the other escaping half the time.
        boss = users[0] if i % 8 == 4 else users[5]
        e.append(line('manager', boss if i % 3 else boss.replace('\\2C', '\\,', 1)))
    if i % 9 == 0:
        e.append(f'msExchHideFromAddressLists: {"TRUE" if i % 2 else "FALSE"}')
    out += e
open('test/fixtures/ldap/contract.ldif', 'w').write('\n'.join(out) + '\n')

